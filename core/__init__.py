"""What every app shares and nothing else: abstract models, the permanent-id field,
wording helpers and JSON that is safe in HTML. Imports no app of ours."""
