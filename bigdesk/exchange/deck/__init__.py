"""The First Steps deck: an editable PowerPoint built from the workshop.

``build`` plans the slides as plain data, ``render`` draws them with python-pptx
(imported only there, and only when a deck is written), ``export`` writes the
file atomically.
"""
