"""An import's report in plain lines, for the command line."""

from .workbook import ImportReport


def report_lines(report: ImportReport) -> list[str]:
    added, changed, unchanged = report.counts
    lines = []
    for sheet in report.sheets:
        lines.append(
            f"{sheet.title}: {len(sheet.added)} to add, {len(sheet.changed)} to change, "
            f"{sheet.unchanged} unchanged"
        )
        lines += [f"  + {name}" for name in sheet.added]
        lines += [f"  ~ {name} ({', '.join(columns)})" for name, columns in sheet.changed]
        lines += [
            f"  ! row {p.row}{f', {p.column}' if p.column else ''}: {p.message}"
            for p in sheet.problems
        ]
    if report.ignored_sheets:
        lines.append(
            f"Sheets left alone (not part of the offer): {', '.join(report.ignored_sheets)}"
        )
    if report.has_problems:
        lines.append("Nothing was saved.")
    elif report.dry_run:
        lines.append(f"Dry run: nothing saved. {added} to add, {changed} to change.")
    else:
        lines.append(f"Imported: {added} added, {changed} changed, {unchanged} unchanged.")
    return lines
