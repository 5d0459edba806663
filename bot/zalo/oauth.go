package zalo

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// oauthAnswer is the token endpoint's answer: the new pair, or an error.
// expires_in comes as a string of seconds.
type oauthAnswer struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	Error        int             `json:"error"`
	ErrorName    string          `json:"error_name"`
	ErrorDesc    string          `json:"error_description"`
}

// oauthRefresh spends a refresh token for a new pair:
// POST {oauth}/v4/oa/access_token, header secret_key (the app secret),
// form app_id, grant_type=refresh_token, refresh_token.
func (b *Bot) oauthRefresh(ctx context.Context, refresh string) (tokenSet, error) {
	if refresh == "" {
		return tokenSet{}, motcua.Errorf(motcua.EUNAUTH, "zalo: no refresh token; authorise the app again")
	}
	form := url.Values{"app_id": {b.cfg.AppID}, "grant_type": {"refresh_token"}, "refresh_token": {refresh}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.cfg.OAuthURL+"/v4/oa/access_token", strings.NewReader(form.Encode()))
	if err != nil {
		return tokenSet{}, motcua.Errorf(motcua.EINTERNAL, "zalo: refresh request: %v", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("secret_key", b.cfg.AppSecret)
	resp, err := b.http.Do(req)
	if err != nil {
		return tokenSet{}, motcua.Errorf(motcua.EINTERNAL, "zalo: refresh: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	var a oauthAnswer
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &a) != nil {
		return tokenSet{}, motcua.Errorf(motcua.EINTERNAL, "zalo: refresh: HTTP %d", resp.StatusCode)
	}
	if a.Error != 0 || a.AccessToken == "" || a.RefreshToken == "" {
		// Error names and descriptions carry no tokens; safe to log.
		return tokenSet{}, motcua.Errorf(motcua.EUNAUTH, "zalo: refresh refused: %d %s %s", a.Error, a.ErrorName, a.ErrorDesc)
	}
	return tokenSet{Access: a.AccessToken, Refresh: a.RefreshToken, ExpiresAt: b.expiry(a.ExpiresIn)}, nil
}

// expiry turns expires_in (seconds, a string or a number) into a time; a
// day when it is missing, a little less than Zalo's 25 hours.
func (b *Bot) expiry(raw json.RawMessage) int64 {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	secs, err := strconv.ParseInt(s, 10, 64)
	if err != nil || secs <= 0 {
		secs = int64((24 * time.Hour).Seconds())
	}
	return b.now().Unix() + secs
}
