

def ent_pairs(doc) -> list[tuple[str, str]]:
    """The NER model's own (text, label) pairs of a parsed text, to compare two ways of parsing it."""
    return [(ent.text, ent.label_) for ent in doc.ents]
