DROP TABLE reviews;
DROP TABLE books;
DROP TABLE authors;
DROP TYPE book_status;
