CREATE TABLE accounts (id bigserial primary key);
