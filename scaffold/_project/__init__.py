"""The project model beneath every command: names, answers, secrets, rendering, trees."""
