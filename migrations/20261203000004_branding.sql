-- A merchant's brand on its checkouts (issue 18): a colour and a logo the
-- dashboard uploads. The logo is stored as the PNG the server re-encoded
-- it to (base64), never the uploaded bytes; its hash names its URL.
ALTER TABLE merchants ADD COLUMN brand_color TEXT;
ALTER TABLE merchants ADD COLUMN logo_png TEXT;
ALTER TABLE merchants ADD COLUMN logo_hash TEXT;
ALTER TABLE merchants ADD COLUMN logo_width BIGINT;
ALTER TABLE merchants ADD COLUMN logo_height BIGINT;
