"""Spend documents: one row per invoice, credit note or FEC purchase read by spend discovery.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEY = 512


def upgrade() -> None:
    op.create_table(
        "spend_documents",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("syntax", sa.String(16), nullable=False),
        sa.Column("number", sa.Text()),
        sa.Column("issue_date", sa.Date()),
        sa.Column("period_start", sa.Date()),
        sa.Column("period_end", sa.Date()),
        sa.Column("currency", sa.String(3)),
        sa.Column("net_amount", sa.Numeric(16, 2)),
        sa.Column("vendor_key", sa.String(KEY), nullable=False),
        sa.Column("seller_name", sa.Text()),
        sa.Column("seller_vat", sa.String(32)),
        sa.Column("seller_siren", sa.String(9)),
        sa.Column("seller_country", sa.String(8)),
        sa.Column("match_method", sa.String(16), nullable=False),
        sa.Column("match_confidence", sa.Numeric(3, 2)),
        sa.PrimaryKeyConstraint("id", name="pk_spend_documents"),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_spend_documents_import_id_imports",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_spend_documents_import_id", "spend_documents", ["import_id"])
    op.create_index("ix_spend_documents_vendor_key", "spend_documents", ["vendor_key"])


def downgrade() -> None:
    op.drop_index("ix_spend_documents_vendor_key", "spend_documents")
    op.drop_index("ix_spend_documents_import_id", "spend_documents")
    op.drop_table("spend_documents")
