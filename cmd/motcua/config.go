package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/joho/godotenv"
)

// Config holds every setting, read from the environment and from a .env file
// in the working folder (the environment wins). See .env.example.
type Config struct {
	Addr       string // MOTCUA_ADDR
	DataDir    string // MOTCUA_DATA_DIR
	DB         string // MOTCUA_DB: "sqlite:PATH" or "postgres://…"
	KBDir      string // MOTCUA_KB: "" for the built-in knowledge base
	AdminToken string // MOTCUA_ADMIN_TOKEN
	// AdminSecureCookies marks the staff session cookie Secure even on plain
	// HTTP, for TLS ended at a proxy (MOTCUA_ADMIN_SECURE_COOKIES=on).
	AdminSecureCookies bool
	// WebLimitsOff lifts the web chat's rate limits, for load tests only
	// (MOTCUA_WEB_LIMITS=off).
	WebLimitsOff bool
	// TrustProxy takes the client address from the last X-Forwarded-For hop,
	// for a reverse proxy in front (MOTCUA_TRUST_PROXY=on).
	TrustProxy bool
	LogLevel   string // MOTCUA_LOG_LEVEL: debug, info, warn, error
	// OutboxPoll is how often the outbox is looked at for retries falling
	// due and messages queued by other replicas (MOTCUA_OUTBOX_POLL, a Go
	// duration). Messages queued by this process go out at once.
	OutboxPoll string
	// OutboxOff keeps this process from delivering the outbox, for a
	// replica that only takes requests while others deliver
	// (MOTCUA_OUTBOX=off).
	OutboxOff bool
	// FormalComplaintCodes name the procedures for lodging a formal khiếu nại
	// or tố cáo, offered as buttons when they are in the knowledge base
	// (MOTCUA_FORMAL_COMPLAINT_CODES, comma-separated).
	FormalComplaintCodes string

	// Complaint handling deadlines, counted in working time.
	ComplaintAnswerHours int    // MOTCUA_COMPLAINT_ANSWER_HOURS
	ComplaintResolveDays int    // MOTCUA_COMPLAINT_RESOLVE_DAYS
	Holidays             string // MOTCUA_HOLIDAYS: comma-separated YYYY-MM-DD

	// Retention, in days (see docs/operating.md).
	RetentionDays          int // MOTCUA_RETENTION_DAYS: conversation texts and turns
	ComplaintRetentionDays int // MOTCUA_COMPLAINT_RETENTION_DAYS: contact data of closed complaints
	DossierRetentionDays   int // MOTCUA_DOSSIER_RETENTION_DAYS: finished dossiers; 0 keeps them
	// MetricsToken, when set, is the bearer token /metrics asks for
	// (MOTCUA_METRICS_TOKEN).
	MetricsToken string

	// Centre information shown to citizens.
	CentreName    string // MOTCUA_CENTRE_NAME
	CentreAddress string // MOTCUA_CENTRE_ADDRESS
	CentreHours   string // MOTCUA_CENTRE_HOURS
	CentreHotline string // MOTCUA_CENTRE_HOTLINE
	CentreFields  string // MOTCUA_CENTRE_FIELDS
	CentreWebsite string // MOTCUA_CENTRE_WEBSITE

	TelegramToken         string // TELEGRAM_BOT_TOKEN
	TelegramAPIURL        string // TELEGRAM_API_URL
	TelegramWebhookURL    string // TELEGRAM_WEBHOOK_URL
	TelegramWebhookSecret string // TELEGRAM_WEBHOOK_SECRET
	TelegramPacing        bool   // TELEGRAM_PACING

	ZaloAppID        string // ZALO_APP_ID
	ZaloAppSecret    string // ZALO_APP_SECRET
	ZaloOASecretKey  string // ZALO_OA_SECRET_KEY
	ZaloAccessToken  string // ZALO_ACCESS_TOKEN
	ZaloRefreshToken string // ZALO_REFRESH_TOKEN
	ZaloAPIURL       string // ZALO_API_URL
	ZaloOAuthURL     string // ZALO_OAUTH_URL
	ZaloVerification string // ZALO_SITE_VERIFICATION

	OpenAIBaseURL string // OPENAI_BASE_URL
	OpenAIKey     string // OPENAI_API_KEY
	OpenAIModel   string // OPENAI_MODEL
	OpenAITimeout string // OPENAI_TIMEOUT, a Go duration
}

// loadConfig reads settings; getenv is os.Getenv in production and a map in tests.
func loadConfig(getenv func(string) string) Config {
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr:         env("MOTCUA_ADDR", "127.0.0.1:8080"),
		DataDir:      env("MOTCUA_DATA_DIR", "./data"),
		KBDir:        env("MOTCUA_KB", ""),
		AdminToken:   env("MOTCUA_ADMIN_TOKEN", ""),
		WebLimitsOff: env("MOTCUA_WEB_LIMITS", "on") == "off",
		TrustProxy:   env("MOTCUA_TRUST_PROXY", "off") == "on",
		LogLevel:     env("MOTCUA_LOG_LEVEL", "info"),
		OutboxPoll:   env("MOTCUA_OUTBOX_POLL", "2s"),
		OutboxOff:    env("MOTCUA_OUTBOX", "on") == "off",
		// The commune's general procedures (Thanh tra field), as published by
		// the province; the national catalogue has only the police ones.
		FormalComplaintCodes: env("MOTCUA_FORMAL_COMPLAINT_CODES", "2.002409,2.002396"),

		AdminSecureCookies: env("MOTCUA_ADMIN_SECURE_COOKIES", "off") == "on",

		ComplaintAnswerHours: envInt(env("MOTCUA_COMPLAINT_ANSWER_HOURS", "8")),
		ComplaintResolveDays: envInt(env("MOTCUA_COMPLAINT_RESOLVE_DAYS", "10")),
		Holidays:             env("MOTCUA_HOLIDAYS", ""),

		RetentionDays:          envInt(env("MOTCUA_RETENTION_DAYS", "90")),
		ComplaintRetentionDays: envInt(env("MOTCUA_COMPLAINT_RETENTION_DAYS", "365")),
		DossierRetentionDays:   envInt(env("MOTCUA_DOSSIER_RETENTION_DAYS", "0")),
		MetricsToken:           env("MOTCUA_METRICS_TOKEN", ""),

		CentreName:    env("MOTCUA_CENTRE_NAME", "Trung tâm Phục vụ hành chính công"),
		CentreAddress: env("MOTCUA_CENTRE_ADDRESS", ""),
		CentreHours:   env("MOTCUA_CENTRE_HOURS", "Sáng 7h30–11h30, chiều 13h00–17h00, thứ Hai đến thứ Sáu"),
		CentreHotline: env("MOTCUA_CENTRE_HOTLINE", ""),
		CentreFields:  env("MOTCUA_CENTRE_FIELDS", "Hộ tịch; Chứng thực; Đất đai; Cư trú; Căn cước; Xây dựng; Hộ kinh doanh; Bảo trợ xã hội; Người có công"),
		CentreWebsite: env("MOTCUA_CENTRE_WEBSITE", "https://dichvucong.gov.vn"),

		TelegramToken:         env("TELEGRAM_BOT_TOKEN", ""),
		TelegramAPIURL:        env("TELEGRAM_API_URL", "https://api.telegram.org"),
		TelegramWebhookURL:    env("TELEGRAM_WEBHOOK_URL", ""),
		TelegramWebhookSecret: env("TELEGRAM_WEBHOOK_SECRET", ""),
		TelegramPacing:        env("TELEGRAM_PACING", "on") != "off",

		ZaloAppID:        env("ZALO_APP_ID", ""),
		ZaloAppSecret:    env("ZALO_APP_SECRET", ""),
		ZaloOASecretKey:  env("ZALO_OA_SECRET_KEY", ""),
		ZaloAccessToken:  env("ZALO_ACCESS_TOKEN", ""),
		ZaloRefreshToken: env("ZALO_REFRESH_TOKEN", ""),
		ZaloAPIURL:       env("ZALO_API_URL", "https://openapi.zalo.me"),
		ZaloOAuthURL:     env("ZALO_OAUTH_URL", "https://oauth.zaloapp.com"),
		ZaloVerification: env("ZALO_SITE_VERIFICATION", ""),

		OpenAIBaseURL: env("OPENAI_BASE_URL", ""),
		OpenAIKey:     env("OPENAI_API_KEY", ""),
		OpenAIModel:   env("OPENAI_MODEL", ""),
		OpenAITimeout: env("OPENAI_TIMEOUT", "8s"),
	}
	c.DB = env("MOTCUA_DB", "sqlite:"+filepath.Join(c.DataDir, "motcua.db"))
	return c
}

// envInt parses a whole-number setting. A value that is not a number becomes
// -1, which every user of these settings refuses, so that a typo stops the
// program at start instead of silently meaning the default.
func envInt(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}

// loadDotEnv reads .env from the working folder into the environment without
// overriding variables already set. A missing file is not an error.
func loadDotEnv() {
	if _, err := os.Stat(".env"); err == nil {
		_ = godotenv.Load(".env")
	}
}
