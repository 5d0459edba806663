package knowledge

// Quality flags the importers set on motcua.Procedure.Flags. Staff may add or
// remove flags by hand; Check counts them.
const (
	FlagStaleCMND         = "stale_cmnd"          // mentions chứng minh nhân dân (replaced by căn cước)
	FlagStaleHoKhau       = "stale_ho_khau"       // asks for sổ hộ khẩu / sổ tạm trú (abolished 2023)
	FlagStaleCapHuyen     = "stale_cap_huyen"     // names cấp huyện (abolished 1 July 2025)
	FlagTimeUnitRecovered = "time_unit_recovered" // time unit missing in the source, taken from its text
	FlagTimeRecovered     = "time_recovered"      // time limit missing in the source column, taken from its text
	FlagMislabelled       = "mislabelled"         // the source's name is not a procedure name
	FlagNoDocuments       = "no_documents"
	FlagNoFee             = "no_fee"
	FlagNoTime            = "no_time"
	FlagFeeByProvince     = "fee_by_province" // fee set by the provincial council (HĐND tỉnh)
	FlagScrambled         = "scrambled"       // a channel row was scrambled by the crawl
)

// Time units, as a citizen reads them.
const (
	UnitWorkingDays = "ngày làm việc"
	UnitDays        = "ngày"
	UnitHours       = "giờ"
	UnitMonths      = "tháng"
	UnitNone        = "không quy định"
)
