CREATE TABLE widgets.widgets (id text PRIMARY KEY, count int NOT NULL);
