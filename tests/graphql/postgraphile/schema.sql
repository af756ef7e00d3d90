-- atgc's own schema for the PostGraphile end-to-end test
-- (tests/graphql/postgraphile/e2e.sh): a library of shelves, books and
-- loans, with what PostGraphile turns into GraphQL of every kind — an enum
-- (book_format), foreign keys (connections both ways), nullable and NOT
-- NULL columns, custom scalars (uuid: UUID, timestamptz: Datetime, date:
-- Date, numeric: BigFloat, bigint: BigInt, jsonb: JSON), a text array, a
-- computed column (books_title_upper) and a set-returning query function
-- (search_books, a connection taking a String).  Everything lives in the
-- schema `library`, which PostGraphile is told to serve.
CREATE SCHEMA library;
SET search_path = library;

CREATE TYPE book_format AS ENUM ('hardcover', 'paperback', 'ebook');

CREATE TABLE shelves (
  id SERIAL PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  room TEXT
);
COMMENT ON TABLE shelves IS 'Where books stand.';

CREATE TABLE books (
  id SERIAL PRIMARY KEY,
  shelf_id INTEGER REFERENCES shelves (id) ON DELETE SET NULL,
  isbn TEXT UNIQUE,
  title TEXT NOT NULL,
  format book_format NOT NULL DEFAULT 'paperback',
  price NUMERIC(10, 2),
  pages INTEGER,
  copies_sold BIGINT NOT NULL DEFAULT 0,
  tags TEXT[] NOT NULL DEFAULT '{}',
  details JSONB,
  public_id UUID NOT NULL UNIQUE,
  published_on DATE,
  added_at TIMESTAMPTZ NOT NULL DEFAULT '2026-01-01T00:00:00Z'
);
CREATE INDEX ON books (shelf_id);
COMMENT ON COLUMN books.copies_sold IS 'Copies sold, all formats.';

CREATE TABLE loans (
  id SERIAL PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
  borrower TEXT NOT NULL,
  due_on DATE NOT NULL,
  returned BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX ON loans (book_id);

-- a computed column: Book.titleUpper
CREATE FUNCTION books_title_upper(b books) RETURNS TEXT AS $$
  SELECT upper(b.title)
$$ LANGUAGE sql STABLE;

-- a query of its own: Query.searchBooks(pattern: String): BooksConnection
-- (every book when the pattern is left out; the body names its tables with
-- their schema: it runs under the server's search_path, not this file's)
CREATE FUNCTION search_books(pattern TEXT) RETURNS SETOF books AS $$
  SELECT * FROM library.books WHERE title ILIKE '%' || coalesce(pattern, '') || '%' ORDER BY id
$$ LANGUAGE sql STABLE;

INSERT INTO shelves (label, room) VALUES ('A1', 'Reading room'), ('B2', NULL);
INSERT INTO books (shelf_id, isbn, title, format, price, pages, copies_sold, tags, details, public_id, published_on) VALUES
  (1, '978-0-06-051275-3', 'The Dispossessed', 'paperback', 12.50, 387, 1200000, '{sf,utopia}',
   '{"translator": null, "awards": ["Hugo", "Nebula"]}', '9b2c6f1e-3d0a-4c55-8a31-6d2f0e9b7a10', '1974-05-01'),
  (1, NULL, 'Solaris', 'hardcover', NULL, NULL, 0, '{}', NULL, '0f4e2a9c-7b1d-4e8f-9c3a-2b5d6e7f8a90', NULL),
  (NULL, '978-0-553-29335-7', 'Foundation', 'ebook', 7.99, 255, 20000000, '{sf}', '{}',
   'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', '1951-06-01');
INSERT INTO loans (book_id, borrower, due_on, returned) VALUES
  (1, 'Shevek', '2026-02-01', false),
  (3, 'Hari Seldon', '2026-03-15', true);
