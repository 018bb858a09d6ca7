"""Developer commands that drive the built handbook in Chromium: PDF and screenshots."""
