"""`pvs web`: a local web page for school staff, on top of the public API (`import pvs`).

Only `pvs web` imports this package (Starlette, uvicorn, Jinja2 are heavy for `pvs --help`).

    app.py       create_app(settings): the routes, templates and middleware put together
    server.py    run it with uvicorn on a socket bound first (so port 0 gets a free port)
    settings.py  where it listens, the password, the temp folder
    security.py  Host/Origin checks, Basic auth, CSRF, security headers, a catch-all error page
    uploads.py   multipart uploads streamed into a private temp folder, within pvs's limits
    store.py     results waiting under an unguessable token, deleted when fetched or stale
    pages/       one module per page: check.py (Paspoort controleren), forms.py (formulieren)
"""
