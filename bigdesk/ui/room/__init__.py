"""In the room: the Run session console, the presenter screen, quick capture, templates."""
