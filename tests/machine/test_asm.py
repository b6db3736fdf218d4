"""The test encoder (asm.py) agrees with the GNU assembler, so the hart tests exercise the
encodings they claim to. Skipped when riscv64-unknown-elf-as is not installed."""
import shutil
import subprocess

import pytest

from . import asm as A

AS = "riscv64-unknown-elf-as"
OBJCOPY = "riscv64-unknown-elf-objcopy"

# (GNU assembler text, encoder result)
CASES = [
    ("lui a0, 0x12345", A.lui("a0", 0x12345)),
    ("lui t6, 0xfffff", A.lui("t6", 0xFFFFF)),
    ("auipc s1, 0x80000", A.auipc("s1", 0x80000)),
    ("jal ra, . + 2048", A.jal("ra", 2048)),
    ("jal zero, . - 1048576", A.jal(0, -1048576)),
    ("jalr t0, -1(a5)", A.jalr("t0", "a5", -1)),
    ("beq a0, a1, . + 4094", A.beq("a0", "a1", 4094)),
    ("bne s0, s11, . - 4096", A.bne("s0", "s11", -4096)),
    ("blt t1, t2, . + 8", A.blt("t1", "t2", 8)),
    ("bge x31, x1, . - 2", A.bge(31, 1, -2)),
    ("bltu a2, a3, . + 64", A.bltu("a2", "a3", 64)),
    ("bgeu a4, a5, . + 12", A.bgeu("a4", "a5", 12)),
    ("lb a0, -2048(sp)", A.lb("a0", "sp", -2048)),
    ("lh a1, 2047(a2)", A.lh("a1", "a2", 2047)),
    ("lw a3, 4(a4)", A.lw("a3", "a4", 4)),
    ("ld a5, -8(a6)", A.ld("a5", "a6", -8)),
    ("lbu t0, 1(t1)", A.lbu("t0", "t1", 1)),
    ("lhu t2, 2(t3)", A.lhu("t2", "t3", 2)),
    ("lwu t4, 6(t5)", A.lwu("t4", "t5", 6)),
    ("sb a0, -1(a1)", A.sb("a0", "a1", -1)),
    ("sh a2, 2046(a3)", A.sh("a2", "a3", 2046)),
    ("sw a4, -2048(a5)", A.sw("a4", "a5", -2048)),
    ("sd ra, 40(sp)", A.sd("ra", "sp", 40)),
    ("addi a0, a0, -1", A.addi("a0", "a0", -1)),
    ("slti a1, a2, 5", A.slti("a1", "a2", 5)),
    ("sltiu a1, a2, -5", A.sltiu("a1", "a2", -5)),
    ("xori a3, a4, 0x7ff", A.xori("a3", "a4", 0x7FF)),
    ("ori a3, a4, -0x800", A.ori("a3", "a4", -0x800)),
    ("andi a3, a4, 0x55", A.andi("a3", "a4", 0x55)),
    ("slli a0, a1, 63", A.slli("a0", "a1", 63)),
    ("srli a0, a1, 33", A.srli("a0", "a1", 33)),
    ("srai a0, a1, 47", A.srai("a0", "a1", 47)),
    ("addiw a0, a1, -3", A.addiw("a0", "a1", -3)),
    ("slliw a0, a1, 31", A.slliw("a0", "a1", 31)),
    ("srliw a0, a1, 7", A.srliw("a0", "a1", 7)),
    ("sraiw a0, a1, 9", A.sraiw("a0", "a1", 9)),
    ("add a0, a1, a2", A.add("a0", "a1", "a2")),
    ("sub a0, a1, a2", A.sub("a0", "a1", "a2")),
    ("sll a0, a1, a2", A.sll("a0", "a1", "a2")),
    ("slt a0, a1, a2", A.slt("a0", "a1", "a2")),
    ("sltu a0, a1, a2", A.sltu("a0", "a1", "a2")),
    ("xor a0, a1, a2", A.xor("a0", "a1", "a2")),
    ("srl a0, a1, a2", A.srl("a0", "a1", "a2")),
    ("sra a0, a1, a2", A.sra("a0", "a1", "a2")),
    ("or a0, a1, a2", A.or_("a0", "a1", "a2")),
    ("and a0, a1, a2", A.and_("a0", "a1", "a2")),
    ("addw s2, s3, s4", A.addw("s2", "s3", "s4")),
    ("subw s2, s3, s4", A.subw("s2", "s3", "s4")),
    ("sllw s2, s3, s4", A.sllw("s2", "s3", "s4")),
    ("srlw s2, s3, s4", A.srlw("s2", "s3", "s4")),
    ("sraw s2, s3, s4", A.sraw("s2", "s3", "s4")),
    ("mul a0, a1, a2", A.mul("a0", "a1", "a2")),
    ("mulh a0, a1, a2", A.mulh("a0", "a1", "a2")),
    ("mulhsu a0, a1, a2", A.mulhsu("a0", "a1", "a2")),
    ("mulhu a0, a1, a2", A.mulhu("a0", "a1", "a2")),
    ("div a0, a1, a2", A.div("a0", "a1", "a2")),
    ("divu a0, a1, a2", A.divu("a0", "a1", "a2")),
    ("rem a0, a1, a2", A.rem("a0", "a1", "a2")),
    ("remu a0, a1, a2", A.remu("a0", "a1", "a2")),
    ("mulw a0, a1, a2", A.mulw("a0", "a1", "a2")),
    ("divw a0, a1, a2", A.divw("a0", "a1", "a2")),
    ("divuw a0, a1, a2", A.divuw("a0", "a1", "a2")),
    ("remw a0, a1, a2", A.remw("a0", "a1", "a2")),
    ("remuw a0, a1, a2", A.remuw("a0", "a1", "a2")),
    ("lr.w a0, (a1)", A.lr_w("a0", "a1")),
    ("lr.d.aq a0, (a1)", A.lr_d("a0", "a1", aq=1)),
    ("sc.w a0, a2, (a1)", A.sc_w("a0", "a2", "a1")),
    ("sc.d.rl a0, a2, (a1)", A.sc_d("a0", "a2", "a1", rl=1)),
    ("amoswap.w a0, a2, (a1)", A.amoswap_w("a0", "a2", "a1")),
    ("amoadd.d a0, a2, (a1)", A.amoadd_d("a0", "a2", "a1")),
    ("amoxor.w a0, a2, (a1)", A.amoxor_w("a0", "a2", "a1")),
    ("amoand.d a0, a2, (a1)", A.amoand_d("a0", "a2", "a1")),
    ("amoor.w.aqrl a0, a2, (a1)", A.amoor_w("a0", "a2", "a1", 1, 1)),
    ("amomin.d a0, a2, (a1)", A.amomin_d("a0", "a2", "a1")),
    ("amomax.w a0, a2, (a1)", A.amomax_w("a0", "a2", "a1")),
    ("amominu.d a0, a2, (a1)", A.amominu_d("a0", "a2", "a1")),
    ("amomaxu.w a0, a2, (a1)", A.amomaxu_w("a0", "a2", "a1")),
    ("fence", A.fence()),
    ("fence rw, w", A.fence(0x3, 0x1)),
    ("fence.i", A.fence_i()),
    ("ecall", A.ecall()),
    ("ebreak", A.ebreak()),
    ("mret", A.mret()),
    ("sret", A.sret()),
    ("wfi", A.wfi()),
    ("sfence.vma", A.sfence_vma()),
    ("sfence.vma a0, a1", A.sfence_vma("a0", "a1")),
    ("csrrw a0, mstatus, a1", A.csrrw("a0", "mstatus", "a1")),
    ("csrrs a0, 0x7c0, a1", A.csrrs("a0", 0x7C0, "a1")),
    ("csrrc zero, sie, t0", A.csrrc(0, "sie", "t0")),
    ("csrrwi a0, satp, 31", A.csrrwi("a0", "satp", 31)),
    ("csrrsi a0, sstatus, 2", A.csrrsi("a0", "sstatus", 2)),
    ("csrrci a0, mip, 1", A.csrrci("a0", "mip", 1)),
    # compressed
    ("c.addi4spn s0, sp, 1020", A.c_addi4spn("s0", 1020)),
    ("c.addi4spn a5, sp, 4", A.c_addi4spn("a5", 4)),
    ("c.lw a0, 124(a1)", A.c_lw("a0", "a1", 124)),
    ("c.ld a2, 248(s1)", A.c_ld("a2", "s1", 248)),
    ("c.sw a3, 64(a4)", A.c_sw("a3", "a4", 64)),
    ("c.sd a5, 136(s0)", A.c_sd("a5", "s0", 136)),
    ("c.nop", A.c_nop()),
    ("c.addi t0, -32", A.c_addi("t0", -32)),
    ("c.addiw a0, 31", A.c_addiw("a0", 31)),
    ("c.li s2, -1", A.c_li("s2", -1)),
    ("c.addi16sp sp, -512", A.c_addi16sp(-512)),
    ("c.addi16sp sp, 496", A.c_addi16sp(496)),
    ("c.lui a0, 0xfffe0", A.c_lui("a0", -32)),
    ("c.lui t1, 31", A.c_lui("t1", 31)),
    ("c.srli a0, 63", A.c_srli("a0", 63)),
    ("c.srai s1, 1", A.c_srai("s1", 1)),
    ("c.andi a5, -1", A.c_andi("a5", -1)),
    ("c.sub s0, s1", A.c_sub("s0", "s1")),
    ("c.xor a0, a1", A.c_xor("a0", "a1")),
    ("c.or a2, a3", A.c_or("a2", "a3")),
    ("c.and a4, a5", A.c_and("a4", "a5")),
    ("c.subw a0, a5", A.c_subw("a0", "a5")),
    ("c.addw s1, a2", A.c_addw("s1", "a2")),
    ("c.j . - 2048", A.c_j(-2048)),
    ("c.j . + 2046", A.c_j(2046)),
    ("c.beqz a0, . - 256", A.c_beqz("a0", -256)),
    ("c.bnez s1, . + 254", A.c_bnez("s1", 254)),
    ("c.slli t3, 63", A.c_slli("t3", 63)),
    ("c.lwsp ra, 252(sp)", A.c_lwsp("ra", 252)),
    ("c.ldsp t6, 504(sp)", A.c_ldsp("t6", 504)),
    ("c.swsp s11, 132(sp)", A.c_swsp("s11", 132)),
    ("c.sdsp a0, 264(sp)", A.c_sdsp("a0", 264)),
    ("c.swsp a1, 252(sp)", A.c_swsp("a1", 252)),
    ("c.sdsp a2, 504(sp)", A.c_sdsp("a2", 504)),
    ("c.sw a3, 124(a4)", A.c_sw("a3", "a4", 124)),
    ("c.sd a5, 248(s0)", A.c_sd("a5", "s0", 248)),
    ("c.lui a0, 1", A.c_lui("a0", 1)),
    ("c.jr t0", A.c_jr("t0")),
    ("c.mv a0, t6", A.c_mv("a0", "t6")),
    ("c.ebreak", A.c_ebreak()),
    ("c.jalr a1", A.c_jalr("a1")),
    ("c.add s3, s4", A.c_add("s3", "s4")),
]


def gnu_encode(lines, tmp_path):
    src = tmp_path / "t.s"
    # 32-bit forms with RVC off (so nothing is compressed), explicit c.* forms with it on
    text = "".join((".option rvc\n" if line.startswith("c.") else ".option norvc\n") + line + "\n"
                   for line in lines)
    src.write_text(text)
    obj, binf = tmp_path / "t.o", tmp_path / "t.bin"
    subprocess.run([AS, "-march=rv64imac_zicsr_zifencei", "-mabi=lp64", "-o", str(obj), str(src)],
                   check=True, capture_output=True)
    subprocess.run([OBJCOPY, "-O", "binary", "-j", ".text", str(obj), str(binf)], check=True)
    return binf.read_bytes()


@pytest.mark.skipif(shutil.which(AS) is None, reason="no RISC-V assembler")
def test_encoder_matches_gnu_as(tmp_path):
    ours = A.Asm()
    for _, word in CASES:
        ours.emit(word)
    theirs = gnu_encode([text for text, _ in CASES], tmp_path)
    mine = ours.assemble()
    assert len(mine) == len(theirs)
    off = 0
    for text, word in CASES:
        size = 2 if isinstance(word, A.Half) else 4
        got = int.from_bytes(theirs[off:off + size], "little")
        assert word == got, f"{text}: ours 0x{word:x}, GNU as 0x{got:x}"
        off += size


def test_li_sequences_fit_their_value():
    # li must produce a sequence for every shape of constant (checked on the hart in test_rv64i)
    for v in (0, 1, -1, 2047, -2048, 2048, 0x7FFFFFFF, -0x80000000, 0x80000000, 0xFFFFFFFF,
              0x123456789ABCDEF0, -0x123456789ABCDEF0, 1 << 63, (1 << 64) - 2):
        seq = A.li("a0", v)
        assert 1 <= len(seq) <= 8
