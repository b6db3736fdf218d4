"""Reports of results directories: figures (matplotlib, one paper style), LaTeX/Markdown tables
and an HTML report. `pyvirt report DIR [--out DIR]` (cmd_report.py) draws what each
experiment file's [[figure]] and [[table]] sections ask for; docs/experiments.md describes them."""
