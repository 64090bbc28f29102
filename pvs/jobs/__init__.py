"""The jobs of school staff built on documents and checks: plan, batch, intake, spreadsheets."""
