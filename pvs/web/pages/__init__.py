"""One module per page of `pvs web`: PAGE (title, address, what it does) and routes(web)."""
