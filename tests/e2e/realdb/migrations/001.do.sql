-- atgc's own schema for the real-server end-to-end test (tests/e2e/realdb):
-- related tables (foreign keys), enums, nullable columns, timestamps,
-- numerics and text, so the OpenAPI document Platformatic DB publishes has
-- all of them.
CREATE TYPE book_status AS ENUM ('draft', 'published', 'archived');

CREATE TABLE authors (
  id SERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  email VARCHAR(255),
  bio TEXT,
  born_on DATE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE books (
  id SERIAL PRIMARY KEY,
  -- nullable foreign keys: deleting an author or a book keeps the rows that
  -- referred to it (the suite's DELETE cases must not remove rows other
  -- cases read; see the note on the rows below)
  author_id INTEGER REFERENCES authors (id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  status book_status NOT NULL DEFAULT 'draft',
  price NUMERIC(10, 2),
  pages INTEGER,
  rating REAL,
  in_print BOOLEAN NOT NULL DEFAULT true,
  published_at TIMESTAMP,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reviews (
  id SERIAL PRIMARY KEY,
  book_id INTEGER REFERENCES books (id) ON DELETE SET NULL,
  reviewer TEXT NOT NULL,
  stars SMALLINT NOT NULL,
  body TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Rows to read: list GETs return something, relation routes have targets.
-- The suite's happy cases use id 1 (GET, PUT, DELETE; DELETE files run
-- last, tests/e2e/sequencer.cjs).
INSERT INTO authors (name, email, bio, born_on) VALUES
  ('Stanisław Lem', NULL, NULL, NULL),
  ('Ursula K. Le Guin', 'ursula@example.com', 'Wrote about Earthsea.', '1929-10-21');
INSERT INTO books (author_id, title, status, price, pages, rating, published_at) VALUES
  (2, 'Untitled', 'draft', NULL, NULL, NULL, NULL),
  (2, 'A Wizard of Earthsea', 'published', 9.99, 183, 4.5, '1968-11-01 00:00:00'),
  (2, 'The Dispossessed', 'archived', 12.50, 387, NULL, NULL);
INSERT INTO reviews (book_id, reviewer, stars, body) VALUES
  (2, 'Ged', 5, NULL),
  (2, 'Shevek', 4, 'Walls have two sides.');
