"""Discovered services: the counts of each service a log discovery found (Shadow AI report).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEY = 512


def upgrade() -> None:
    op.create_table(
        "discovered_services",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("asset_key", sa.String(KEY), nullable=False),
        sa.Column("product_key", sa.String(KEY), nullable=False),
        sa.Column("ai", sa.Boolean(), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.Column("requests", sa.BigInteger(), nullable=False),
        sa.Column("bytes", sa.BigInteger()),
        sa.Column("bytes_out", sa.BigInteger()),
        sa.Column("bytes_in", sa.BigInteger()),
        sa.Column("first_seen", sa.DateTime(timezone=True)),
        sa.Column("last_seen", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_discovered_services"),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_discovered_services_import_id_imports",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_discovered_services_import_id", "discovered_services", ["import_id"])


def downgrade() -> None:
    op.drop_index("ix_discovered_services_import_id", "discovered_services")
    op.drop_table("discovered_services")
