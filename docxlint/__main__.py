"""``python -m docxlint``."""

from docxlint.cli import main

if __name__ == "__main__":
    main()
