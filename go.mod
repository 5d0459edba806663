module github.com/motcua/motcua

go 1.26.0

require (
	github.com/chromedp/chromedp v0.23.0
	github.com/joho/godotenv v1.5.1
	github.com/sashabaranov/go-openai v1.43.0
	golang.org/x/text v0.44.0
	golang.org/x/time v0.16.0
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
)
