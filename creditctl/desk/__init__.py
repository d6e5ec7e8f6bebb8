"""The review desk: server-rendered pages under ``/desk/`` for the office's staff.

``routes.desk_router(ctx)`` builds the Litestar router that ``web.create_app`` mounts.
Templates (Jinja) and static files (``htmx.min.js``, ``desk.css``, ``desk.js``) ship
inside this package; nothing is loaded from another host.
"""
