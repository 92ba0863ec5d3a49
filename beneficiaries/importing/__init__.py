"""Import of an existing register of beneficiaries from a CSV or XLSX file.

- `files`: the bytes of a CSV as Greek offices export them (encodings, separators, title rows);
- `reading`: a file to its header and rows (`read_bytes`, `read_table`, `Table`);
- `columns`: the headers people write and `ColumnMapping`, what each column becomes;
- `values`: a row's text as the case-file form takes it (choices, settlements, dates);
- `outcomes`: how each row ended (`Outcome`, `RowOutcome`, `RowError`, `ImportResult`);
- `run`: the import itself (`import_beneficiaries`);
- `report`: errors grouped by kind, the printed report and the error file to correct
  (`error_groups`, `report_lines`, `error_workbook`).

The format is documented in docs/import_format.md.
"""

from beneficiaries.importing.columns import ColumnMapping, MappingError, propose_mapping
from beneficiaries.importing.outcomes import ImportResult, Outcome, RowError, RowOutcome
from beneficiaries.importing.reading import ImportFileError
from beneficiaries.importing.run import import_beneficiaries
from beneficiaries.importing.values import normalise_date

__all__ = [
    "ColumnMapping",
    "ImportFileError",
    "ImportResult",
    "MappingError",
    "Outcome",
    "RowError",
    "RowOutcome",
    "import_beneficiaries",
    "normalise_date",
    "propose_mapping",
]
