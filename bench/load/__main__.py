"""`python -m bench.load`: seed, serve, load, print the table (see bench/README.md)."""

from bench.load.run import main

if __name__ == "__main__":
    main()
