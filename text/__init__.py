"""The one Chinese-text layer: characters, numbers, amounts, dates, rates, durations and party names,
used alike by the penalty engine, the notice drafter and the assistant's intents."""
