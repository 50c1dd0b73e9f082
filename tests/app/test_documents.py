"""The document library: files kept in the workshop by hash, links, limits, privacy, exports."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bigdesk.analysis.documents import library, target_of
from bigdesk.app import documents
from bigdesk.exchange.room_export import documents_sheet
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Document, DocumentContent, Element
from bigdesk.store import EditRejectedError, create_workshop, open_workshop

from tests.app.test_pitch import Recorder
from tests.helpers import run_in_process


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Recorder]:
    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    yield Recorder(store)
    store.close()


def test_a_file_is_kept_by_hash_saved_out_and_removed_with_undo(
    workspace: Recorder, tmp_path: Path
) -> None:
    source = tmp_path / "Depot survey.pdf"
    source.write_bytes(b"%PDF-1.7 survey " * 1000)
    with workspace.read() as conn:
        target = documents.resolve_target(conn, "O1")
    document = documents.attach_file(workspace, source, target, "Shows the backlog")
    with workspace.read() as conn:
        kept = next(d for d in library(conn) if d.id == document)
        assert (kept.name, kept.size, kept.about) == ("Depot survey.pdf", 16_000,
                                                     "Shows the backlog")
        assert kept.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert target_of(kept) == target and target is not None and target[0] is Element
    out = documents.save_document(workspace, document, tmp_path / "copy.pdf")
    assert out.read_bytes() == source.read_bytes()
    assert len(workspace.undo) == 1
    documents.remove_document(workspace, document)
    with workspace.read() as conn:
        assert conn.execute(select(DocumentContent.id)
                            .where(DocumentContent.document_id == document)).first() is None
    workspace.undo_last()
    with workspace.read() as conn:
        assert documents.document_bytes(conn, document) == source.read_bytes()


def test_a_damaged_file_is_refused_when_read_out(workspace: Recorder, tmp_path: Path) -> None:
    source = tmp_path / "figures.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    document = documents.attach_file(workspace, source)
    with workspace.store.engine.begin() as conn:
        conn.execute(update(DocumentContent).values(data=b"a,b\n9,9\n"))
    with pytest.raises(documents.DocumentDamagedError, match="no longer match"):
        documents.save_document(workspace, document, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_limits_and_what_is_not_a_file_are_refused(workspace: Recorder, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1024)
    with pytest.raises(EditRejectedError, match="more than the 1 KB BIG Desk keeps for one"):
        documents.attach_file(workspace, big)
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 4096)
    monkeypatch.setattr(documents, "MAX_LIBRARY_BYTES", 3000)
    with pytest.raises(EditRejectedError, match="a workshop keeps"):
        for _ in range(2):
            documents.attach_file(workspace, big)
    with pytest.raises(EditRejectedError, match="is a folder"):
        documents.attach_file(workspace, tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(EditRejectedError, match="pipe or a device"):
        documents.attach_file(workspace, pipe)
    with pytest.raises(EditRejectedError, match="does not exist"):
        documents.attach_file(workspace, tmp_path / "missing.pdf")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x", "https://"):
        with pytest.raises(EditRejectedError, match="not a link"):
            documents.attach_link(workspace, bad)
    assert len(workspace.undo) == 1  # -- only the first file of the library test went in


def test_links_and_the_targets_scripts_name(workspace: Recorder) -> None:
    with workspace.read() as conn:
        node = documents.resolve_target(conn, "node: operations ")
        raid = documents.resolve_target(conn, "raid:5")
        assert documents.resolve_target(conn, "workshop") is None
        for bad in ("Q99", "node:Nowhere", "raid:99", "consensus:Nothing"):
            with pytest.raises(EditRejectedError, match="--to"):
                documents.resolve_target(conn, bad)
    link = documents.attach_link(workspace, "https://intranet.example/depots/plan.pptx?v=2",
                                 node, about="Depot plan")
    documents.attach_link(workspace, "mailto:pmo@northgate.example", raid, name="PMO mailbox")
    with workspace.read() as conn:
        names = {d.name: d for d in library(conn)}
    assert names["plan.pptx"].id == link and names["plan.pptx"].size == 0
    assert target_of(names["PMO mailbox"]) == raid


def test_private_documents_never_leave_the_file(workspace: Recorder, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with workspace.read() as conn:
        sheet = documents_sheet(conn, anonymous=False)
        rows = [list(r) for r in sheet.rows]
    # -- the sample's private briefing is kept but not exported; the others are, without bytes
    assert [r[0] for r in rows] == ["Board pack, November", "depot-capacity-figures.csv"]
    assert rows[1][2].startswith("RAID issue: Three warehouse systems")
    assert rows[1][4] == 81 and len(rows[1][5]) == 64
    out = tmp_path / "outcomes.xlsx"
    assert run_in_process(capsys, "export", workspace.store.path, "--xlsx", out).returncode == 0
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(out)["Documents"].iter_rows(values_only=True)
             for c in row]
    assert "facilitator-briefing.txt" not in cells and "Board pack, November" in cells
    assert not any("Margaret wants" in str(c) for c in cells)


def test_attach_from_the_command_line_and_check_counts(tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.bigdesk"
    assert run_in_process(capsys, "new", path, "--sample").returncode == 0
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Agreed.", encoding="utf-8")
    result = run_in_process(capsys, "attach", path, evidence, "--to", "O1", "--note", "The minutes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Attached minutes.txt to O1."
    link = run_in_process(capsys, "attach", path, "https://example.org/pack", "--to", "workshop",
                       "--name", "Board pack", "--private")
    assert link.returncode == 0, link.stderr
    refused = run_in_process(capsys, "attach", path, evidence, "--to", "Q99")
    assert refused.returncode == 2 and "names nothing" in refused.stderr
    counts = json.loads(run_in_process(capsys, "check", path, "--json").stdout)["counts"]
    assert counts["documents"] == 5
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            o1 = conn.execute(select(Element.id).where(Element.ref == "O1")).scalar_one()
            assert conn.execute(select(Document.element_id).where(
                Document.name == "minutes.txt")).scalar_one() == o1
    finally:
        store.close()
