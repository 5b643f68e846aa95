"""store/es"""
