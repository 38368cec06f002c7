"""Give a site that already has search words the two standard ones added since, so
'help at weekends' and 'someone to sit with him' find services on every site. A site
with none gets the whole standard list after migrate (offer/standard_lists.py); words an
officer already has are left as they are."""

from django.db import migrations

# A copy, not an import: a migration must mean the same whatever the list becomes.
ADDED = [
    ("weekend; saturday; saturdays; sunday; sundays", "weekends"),
    (
        "someone to sit; sit with him; sit with her; sit with them; babysitter; babysitting",
        "personal assistant; personal assistants; in the family home; care at home; "
        "domiciliary care; childminder; childminders",
    ),
]


def add_words(apps, schema_editor):
    SearchWord = apps.get_model("offer", "SearchWord")
    using = schema_editor.connection.alias
    if not SearchWord.objects.using(using).exists():
        return  # a new site: post_migrate gives it the whole standard list
    for words, means in ADDED:
        SearchWord.objects.using(using).get_or_create(words=words, defaults={"means": means})


class Migration(migrations.Migration):
    dependencies = [("offer", "0036_review_dates_the_statement_gives")]

    operations = [migrations.RunPython(add_words, migrations.RunPython.noop)]
