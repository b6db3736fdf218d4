"""The experiment harness (docs/experiments.md): experiment files (spec.py) expanded into runs
keyed by content hash, executed in a process pool or on Dask (executors.py, execute.py) into a
results directory with a manifest (runner.py, results.py, manifest.py), and reproduced bit for
bit (reproduce.py). CLI verbs: cmd_experiment.py (`pyvirt experiment run`), cmd_reproduce.py
(`pyvirt reproduce`); the report verb is pyvirt/report/cmd_report.py."""
