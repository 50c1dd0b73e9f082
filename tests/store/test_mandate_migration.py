"""Revision 0008 keeps a pitch's next steps as open actions of the one RAID log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bigdesk.analysis.mandate import mandate, next_steps, recorded_bodies, recorded_services
from bigdesk.analysis.room import sponsor_pitch
from bigdesk.model import RaidStatus
from bigdesk.store import open_workshop


def test_0008_turns_each_next_step_into_an_open_action(tmp_path: Path) -> None:
    path = tmp_path / "old.bigdesk"
    path.write_bytes((Path(__file__).parent / "frozen" / "0007.bigdesk").read_bytes())
    old = sqlite3.connect(path)
    with old:
        before = old.execute("SELECT count(*) FROM raid_item").fetchone()[0]
        old.execute("INSERT INTO sponsor_pitch (id, version, executive_concerns, vision, "
                    "roadmap, sponsor, funding, next_steps) VALUES (1, 1, 'Slow', 'One view', "
                    "'', 'Ada', '£40k', ?)", ("- Book the board\n\n• " + "Long " * 60,))
    old.close()
    store = open_workshop(path)
    try:
        with store.read() as conn:
            pitch = sponsor_pitch(conn)
            assert pitch is not None
            assert (pitch.sponsor, pitch.funding, pitch.situation) == ("Ada", "£40k", "")
            assert pitch.business_case_due is None
            actions = [a for a in next_steps(conn) if a.id > before]
            assert actions[0].title == "Book the board"
            long = actions[1]
            assert len(long.title) == 200 and (long.title + long.description).strip() == (
                "Long " * 60).strip()
            assert all(a.status is RaidStatus.OPEN for a in actions)
            assert mandate(conn) is None
            assert recorded_services(conn) == [] and recorded_bodies(conn) == []
    finally:
        store.close()
