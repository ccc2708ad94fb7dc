"""Render many documents at once: one template parse per process, one bad file never stops the rest.

>>> results = render_batch(["a.yaml", "b.yaml"], "out/", jobs=2, pdf=True)   # doctest: +SKIP
>>> [r.error for r in results if not r.ok]                                   # doctest: +SKIP
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import VanbanError

if TYPE_CHECKING:
    from ._render import Template
from ._files import guard_outputs, write_atomic
from .models import VanBan

PathLike = str | os.PathLike[str]
SUFFIXES = (".yaml", ".yml", ".json")
#: Most documents a worker is sent at once (about a tenth of a second of work: Ctrl-C still stops at once).
CHUNK = 8


@dataclass
class BatchResult:
    """What became of one input: the DOCX (and PDF) written, or why it failed."""

    source: str
    output: Path | None = None
    pdf: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_custom: Template | None = None
_template_path: str | None = None


def _setup(template: str | None, parent: int | None = None) -> None:
    """Worker start: remember which template to use (a custom one compiled by the parent before the workers start
    is inherited where processes fork, else compiled on first use); leave Ctrl-C to the parent, and end when the
    parent is gone."""
    global _template_path, _custom
    if template != _template_path:
        _custom = None
    _template_path = template
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _template_for(code: str) -> Template:
    from ._render import Template, bundled_template

    global _custom
    if _template_path is None:
        return bundled_template(code)
    if _custom is None:
        _custom = Template(_template_path)
    return _custom


def _render_one(source: str | VanBan, target: str) -> BatchResult:
    from ._io import load

    name = source if isinstance(source, str) else f"<{type(source).__name__}>"
    try:
        model = load(source) if isinstance(source, str) else source
        data = _template_for(model.LOAI).render(model)
        return BatchResult(name, write_atomic(target, data))
    except VanbanError as exc:
        return BatchResult(name, error=str(exc))
    except Exception as exc:  # a batch reports every failure and goes on
        return BatchResult(name, error=f"lỗi không lường trước: {type(exc).__name__}: {exc}")


def _render_some(tasks: list[tuple[str | VanBan, str]]) -> list[BatchResult]:
    return [_render_one(source, target) for source, target in tasks]


def render_batch(
    items: Iterable[PathLike | VanBan],
    out_dir: PathLike,
    *,
    template: PathLike | None = None,
    jobs: int = 1,
    pdf: bool = False,
    progress: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Render every plan or report file (or model) into ``out_dir`` as ``<name>.docx``.

    ``jobs`` > 1 renders in that many worker processes. With ``pdf``, all the DOCX files
    are then converted in one LibreOffice run. Results come back in input order.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks: list[tuple[str | VanBan, str]] = []
    results: dict[int, BatchResult] = {}
    names: set[str] = set()
    for index, item in enumerate(items):
        if isinstance(item, VanBan):
            stem = f"van-ban-{index + 1:03d}"
            source: str | VanBan = item
        else:
            stem, source = Path(item).stem, str(item)
        if stem in names:
            results[index] = BatchResult(str(source), error=f"trùng tên tệp ra '{stem}.docx' với một tệp khác trong lô")
            continue
        names.add(stem)
        tasks.append((source, str(out / f"{stem}.docx")))
    guard_outputs([template, *(source for source, _ in tasks if isinstance(source, str))], [t for _, t in tasks])
    order = [i for i in range(len(tasks) + len(results)) if i not in results]
    template_path = str(template) if template else None
    jobs = max(1, min(jobs, len(tasks), os.cpu_count() or 1))
    if jobs <= 1 or len(tasks) < 2:
        _setup(template_path)
        for index, (source, target) in zip(order, tasks, strict=True):
            results[index] = _render_one(source, target)
            if progress:
                progress(results[index])
    else:
        _setup(template_path)
        if template_path:
            try:
                _template_for("")  # compiled once here, inherited by the workers
            except VanbanError:
                pass  # each file reports it
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_setup, initargs=(template_path, os.getpid()))
        try:
            numbered = list(zip(order, tasks, strict=True))
            size = max(1, min(CHUNK, len(numbered) // (jobs * 4)))  # fewer round trips, every worker kept busy
            futures = {
                pool.submit(_render_some, [task for _, task in numbered[start : start + size]]): [
                    index for index, _ in numbered[start : start + size]
                ]
                for start in range(0, len(numbered), size)
            }
            for future in as_completed(futures):
                for index, result in zip(futures[future], future.result(), strict=True):
                    results[index] = result
                    if progress:
                        progress(result)
        except BaseException:  # Ctrl-C, or a worker lost: stop now, not after the queue drains
            _stop(pool)
            _remove_temporaries([target for _, target in tasks])
            raise
        pool.shutdown()
    ordered = [results[i] for i in sorted(results)]
    if pdf:
        _add_pdfs(ordered, out)
    return ordered


def _remove_temporaries(targets: list[str]) -> None:
    """Remove what a terminated worker was writing (``.<name>.<random>.tmp`` beside each target), each folder
    listed once."""
    folders: dict[Path, set[str]] = {}
    for target in targets:
        folders.setdefault(Path(target).parent, set()).add(Path(target).name)
    for folder, names in folders.items():
        for temporary in folder.glob(".*.tmp"):
            if temporary.name[1:-4].rsplit(".", 1)[0] in names:
                temporary.unlink(missing_ok=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool at once: queued work cancelled, running workers terminated."""
    workers = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=2)


def _add_pdfs(results: list[BatchResult], out: Path) -> None:
    from ._pdf import to_pdf

    done = [r for r in results if r.ok and r.output is not None]
    if not done:
        return
    try:
        converted = to_pdf([r.output for r in done if r.output is not None], out)
    except VanbanError as exc:
        for result in done:
            result.error = f"đã có DOCX nhưng không xuất được PDF: {exc}"
        return
    for result in done:
        made = converted.get(Path(result.output)) if result.output is not None else None
        if isinstance(made, Path):
            result.pdf = made
        else:
            result.error = f"đã có DOCX nhưng không xuất được PDF: {made}"
