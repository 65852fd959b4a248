"""Initial schema: nodes, edges, imports, observations, rejections.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

KEY = 512


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("source_format", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("records_ok", sa.Integer(), nullable=False),
        sa.Column("records_rejected", sa.Integer(), nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
        sa.UniqueConstraint("content_hash", name="uq_imports_content_hash"),
    )
    op.create_table(
        "capabilities",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("criticality", sa.Integer()),
        sa.Column("description", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_capabilities"),
    )
    op.create_table(
        "assets",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.Column("description", sa.Text()),
        sa.Column("version", sa.Text()),
        sa.Column("purl", sa.Text()),
        sa.Column("users", sa.Integer()),
        sa.Column("data_location", sa.Text()),
        sa.Column("personal_data", sa.Boolean()),
        sa.Column("declared", sa.Boolean(), nullable=False),
        sa.Column("licence", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_assets"),
    )
    op.create_table(
        "products",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("category", sa.Text()),
        sa.Column("purl", sa.Text()),
        sa.Column("licence", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_products"),
    )
    op.create_table(
        "vendors",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_vendors"),
    )
    op.create_table(
        "countries",
        sa.Column("key", sa.String(8), nullable=False),
        sa.Column("name", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_countries"),
    )
    op.create_table(
        "contracts",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("annual_cost", sa.Numeric(16, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
        sa.Column("auto_renewal", sa.Boolean()),
        sa.Column("notice_days", sa.Integer()),
        sa.Column("reference", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_contracts"),
    )
    op.create_table(
        "edges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("src_type", sa.String(16), nullable=False),
        sa.Column("src_key", sa.String(KEY), nullable=False),
        sa.Column("dst_type", sa.String(16), nullable=False),
        sa.Column("dst_key", sa.String(KEY), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_edges"),
        sa.UniqueConstraint(
            "kind", "src_type", "src_key", "dst_type", "dst_key",
            name="uq_edges_kind_src_type_src_key_dst_type_dst_key",
        ),
    )
    op.create_index("ix_edges_dst_type_dst_key", "edges", ["dst_type", "dst_key"])
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_observations"),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_observations_import_id_imports",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_observations_subject", "observations", ["subject"])
    op.create_index("ix_observations_import_id", "observations", ["import_id"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rejections"),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_rejections_import_id_imports",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    for table in ("rejections", "observations", "edges", "contracts", "countries",
                  "vendors", "products", "assets", "capabilities", "imports"):
        op.drop_table(table)
