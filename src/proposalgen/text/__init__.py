"""Facts about text that every stage may use, like diagnostics: escaping it for LaTeX and for
kramdown, what a TeX engine can typeset, and Markdown parsed into tokens."""
