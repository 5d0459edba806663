module github.com/motcua/motcua

go 1.26.0

require (
	github.com/go-telegram/bot v1.19.0
	github.com/joho/godotenv v1.5.1
	golang.org/x/text v0.44.0
	golang.org/x/time v0.16.0
)
