-- The company's own application's first migration, as its Flyway would apply it (PgSchemaTest).
CREATE TABLE orders (id bigint PRIMARY KEY);
