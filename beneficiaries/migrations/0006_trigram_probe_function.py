"""The trigram probe of name search as a SQL function that carries its own threshold.

`word <<% search_key` uses the GIN trigram index but compares with the session's
`pg_trgm.strict_word_similarity_threshold`. A `SET` clause in the function's definition sets it
for the call only and PostgreSQL restores the caller's value afterwards, so the search works the
same through a pooler in transaction mode (which drops connection options and session SETs) and
whatever a session or the server has set. The value is `querysets.STRICT_WORD_SIMILARITY`.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION beneficiary_ids_like_word(word text) RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET pg_trgm.strict_word_similarity_threshold = 0.5
    ROWS 200
AS $$
    SELECT id FROM beneficiaries_beneficiary WHERE word <<% search_key
$$;
COMMENT ON FUNCTION beneficiary_ids_like_word(text) IS
    'Ids of people with a name part alike to word by pg_trgm (strict word similarity >= 0.5).';
"""
DROP = "DROP FUNCTION beneficiary_ids_like_word(text);"


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0005_search_terms"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
