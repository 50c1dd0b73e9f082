"""The throwaway cluster asks for a password over TCP, as a real server does."""

from __future__ import annotations

import psycopg
import pytest

from tests.server.cluster import DATABASE, EDITOR, Cluster


def test_the_cluster_refuses_a_wrong_password_and_accepts_the_right_one(cluster: Cluster) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host="127.0.0.1", port=cluster.port, user=EDITOR, password="wrong",
                        dbname=DATABASE)  # fmt: skip
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=EDITOR,
                         password=cluster.editor_password, dbname=DATABASE) as conn:  # fmt: skip
        assert conn.execute("SELECT current_user").fetchone() == (EDITOR,)
