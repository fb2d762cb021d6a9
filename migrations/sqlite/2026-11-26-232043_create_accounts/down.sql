DROP TABLE login_failures;
DROP TABLE audit_events;
DROP TABLE allowed_email_domains;
DROP TABLE password_set_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
