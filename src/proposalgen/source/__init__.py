"""Reading the source: an edition's files into the model (source -> model -> checks -> render)."""
