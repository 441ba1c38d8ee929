-- Askwise service schema (portable: H2 and PostgreSQL)
CREATE TABLE api_keys (
    key_hash   VARCHAR(64)  PRIMARY KEY,
    tenant     VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP    NOT NULL
);

CREATE TABLE sessions (
    id         VARCHAR(36)      PRIMARY KEY,
    tenant     VARCHAR(64)      NOT NULL,
    domain     VARCHAR(64)      NOT NULL,
    user_id    VARCHAR(128),
    state      VARCHAR(1000000) NOT NULL,
    version    INTEGER          NOT NULL,
    created_at TIMESTAMP        NOT NULL,
    updated_at TIMESTAMP        NOT NULL
);
CREATE INDEX sessions_tenant ON sessions (tenant);

CREATE TABLE profiles (
    tenant     VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    domain     VARCHAR(64)  NOT NULL,
    attribute  VARCHAR(64)  NOT NULL,
    val        VARCHAR(128) NOT NULL,
    updated_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (tenant, user_id, domain, attribute)
);

CREATE TABLE feedback (
    id         VARCHAR(36)  PRIMARY KEY,
    tenant     VARCHAR(64)  NOT NULL,
    session_id VARCHAR(36)  NOT NULL,
    domain     VARCHAR(64)  NOT NULL,
    attribute  VARCHAR(64)  NOT NULL,
    val        VARCHAR(128) NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
