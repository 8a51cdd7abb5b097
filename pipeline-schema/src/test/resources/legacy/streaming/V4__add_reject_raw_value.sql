-- A reject keeps its raw bytes (docs/pin-data-contract.md §2): raw_value is the Kafka record value byte for byte,
-- whatever it holds (bytes that are not UTF-8, NUL). value stays, as the same bytes read as UTF-8 text for people
-- (invalid sequences and NUL shown as U+FFFD). Rows written before this version have no raw_value.
ALTER TABLE pin_rejects ADD COLUMN raw_value bytea;
