-- Products belong to one mode: a test key sees and changes only test
-- products. Ids are unique per merchant and mode. Every existing product
-- becomes two, one per mode, with the same settings and signing secret, so
-- live and test sessions keep their product; a session's product reference
-- names its mode.
ALTER TABLE checkout_sessions DROP CONSTRAINT checkout_sessions_product_id_fkey;
ALTER TABLE products DROP CONSTRAINT products_pkey;
ALTER TABLE products ADD COLUMN livemode BIGINT NOT NULL DEFAULT 1 CHECK (livemode IN (0, 1));
INSERT INTO products (merchant_id, livemode, id, product_type, name, main_currency,
        payment_methods, webhook_url, webhook_secret, embed_origins, active, created_at, updated_at)
    SELECT merchant_id, 0, id, product_type, name, main_currency,
        payment_methods, webhook_url, webhook_secret, embed_origins, active, created_at, updated_at
    FROM products;
ALTER TABLE products ALTER COLUMN livemode DROP DEFAULT;
ALTER TABLE products ADD PRIMARY KEY (merchant_id, livemode, id);
DROP INDEX products_merchant;
CREATE INDEX products_merchant ON products (merchant_id, livemode, created_at);
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_product_fkey
    FOREIGN KEY (merchant_id, livemode, product_id) REFERENCES products (merchant_id, livemode, id);
