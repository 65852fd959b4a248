"""The store's tables (SQLAlchemy Core). One schema for SQLite and PostgreSQL.

Node tables mirror the frozen dataclasses in ``emprise.model`` column for column;
relations live only in ``edges``; ``observations`` ties every node and edge to
the import and record that asserted it. Changing a table here needs an Alembic
revision in ``migrations/versions`` (a test compares both).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Constraint names fixed so migrations are identical on every dialect.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

KEY = 512  # node keys are slugs of names or purls; purls can be long

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("source_format", String(64), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("records_ok", Integer, nullable=False),
    Column("records_rejected", Integer, nullable=False),
    Column("tool_version", String(32), nullable=False),
)

capabilities = Table(
    "capabilities",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("name", Text, nullable=False),
    Column("criticality", Integer),
    Column("description", Text),
)

assets = Table(
    "assets",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32)),
    Column("description", Text),
    Column("version", Text),
    Column("purl", Text),
    Column("users", Integer),
    Column("data_location", Text),
    Column("personal_data", Boolean),
    Column("declared", Boolean, nullable=False),
    Column("licence", Text),
)

products = Table(
    "products",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("name", Text, nullable=False),
    Column("category", Text),
    Column("purl", Text),
    Column("licence", Text),
)

vendors = Table(
    "vendors",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("name", Text, nullable=False),
)

countries = Table(
    "countries",
    metadata,
    Column("key", String(8), primary_key=True),
    Column("name", Text),
)

contracts = Table(
    "contracts",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("annual_cost", Numeric(16, 2)),
    Column("currency", String(3)),
    Column("start", Date),
    Column("end", Date),
    Column("auto_renewal", Boolean),
    Column("notice_days", Integer),
    Column("reference", Text),
)

edges = Table(
    "edges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("src_type", String(16), nullable=False),
    Column("src_key", String(KEY), nullable=False),
    Column("dst_type", String(16), nullable=False),
    Column("dst_key", String(KEY), nullable=False),
    UniqueConstraint("kind", "src_type", "src_key", "dst_type", "dst_key"),
    Index(None, "dst_type", "dst_key"),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="CASCADE"), nullable=False),
    # "asset:key" for a node, "kind|src|dst" for an edge: one string so both index alike.
    Column("subject", Text, nullable=False),
    Column("locator", Text, nullable=False),
    Column("record_hash", String(64), nullable=False),
    Index(None, "subject"),
    Index(None, "import_id"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="CASCADE"), nullable=False),
    Column("locator", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

# One row per invoice, credit note or FEC purchase read by spend discovery: the
# amounts and dates the graph's contracts cannot carry (a contract has an annual
# cost, not the invoices behind it). ``vendor_key`` is the vendors row the
# invoice's record landed; the ultimate parent and jurisdiction are the catalog's,
# looked up when reporting. Written in the same transaction as the import's records.
spend_documents = Table(
    "spend_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="CASCADE"), nullable=False),
    Column("locator", Text, nullable=False),
    Column("syntax", String(16), nullable=False),
    Column("number", Text),
    Column("issue_date", Date),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("currency", String(3)),
    Column("net_amount", Numeric(16, 2)),
    Column("vendor_key", String(KEY), nullable=False),
    Column("seller_name", Text),
    Column("seller_vat", String(32)),
    Column("seller_siren", String(9)),
    Column("seller_country", String(8)),
    Column("match_method", String(16), nullable=False),
    Column("match_confidence", Numeric(3, 2)),
    Index(None, "import_id"),
    Index(None, "vendor_key"),
)

# One row per service a log discovery found (``emprise discover --import``): the
# counts an asset cannot carry (requests, bytes, first and last seen). Only counts
# of people, never an identity. Written in the same transaction as the import's
# records; the report's Shadow AI section reads it.
discovered_services = Table(
    "discovered_services",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="CASCADE"), nullable=False),
    Column("asset_key", String(KEY), nullable=False),
    Column("product_key", String(KEY), nullable=False),
    Column("ai", Boolean, nullable=False),
    Column("users", Integer, nullable=False),
    Column("requests", BigInteger, nullable=False),
    Column("bytes", BigInteger),
    Column("bytes_out", BigInteger),
    Column("bytes_in", BigInteger),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Index(None, "import_id"),
)

NODE_TABLES = {
    "capability": capabilities,
    "asset": assets,
    "product": products,
    "vendor": vendors,
    "country": countries,
    "contract": contracts,
}
