"""Privacy and compliance (issue 17): consent on record, erasure, retention, the audit trail, data export."""
