"""`python -m my_mcp_server`: the same as the `my-mcp-server` command."""

from .cli import main

main()
