module github.com/motcua/motcua

go 1.26.0

require (
	github.com/joho/godotenv v1.5.1
	github.com/sashabaranov/go-openai v1.43.0
	golang.org/x/text v0.44.0
	gopkg.in/yaml.v3 v3.0.1
)
