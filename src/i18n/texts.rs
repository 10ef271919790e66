//! Every user-visible text, in every language. A missing translation is a compile error, because
//! each entry must name all three.

use super::Locale;

macro_rules! texts {
    ($($key:ident { en: $en:expr, ja: $ja:expr, zh: $zh:expr $(,)? })*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn text(self, locale: Locale) -> &'static str {
                match self {
                    $(Key::$key => match locale {
                        Locale::En => $en,
                        Locale::Ja => $ja,
                        Locale::ZhHans => $zh,
                    }),*
                }
            }
        }
    };
}

texts! {
    AppName { en: "Quay Admin", ja: "Quay 管理", zh: "Quay 管理" }
    SkipToContent { en: "Skip to content", ja: "本文へ移動", zh: "跳到主要内容" }
    MainNavigation { en: "Main", ja: "メイン", zh: "主导航" }
    NavOverview { en: "Overview", ja: "概要", zh: "概览" }
    NavUsers { en: "Users", ja: "ユーザー", zh: "用户" }
    NavOrganizations { en: "Organizations", ja: "組織", zh: "组织" }
    NavQuotas { en: "Quotas", ja: "クォータ", zh: "配额" }
    NavServiceKeys { en: "Service keys", ja: "サービスキー", zh: "服务密钥" }
    NavLogs { en: "Usage logs", ja: "利用ログ", zh: "使用日志" }
    NavRegistrySize { en: "Registry size", ja: "レジストリサイズ", zh: "仓库容量" }
    NavBuilds { en: "Builds", ja: "ビルド", zh: "构建" }
    SignOut { en: "Sign out", ja: "サインアウト", zh: "退出登录" }
    SignedOutToast { en: "Signed out.", ja: "サインアウトしました。", zh: "已退出登录。" }
    SessionExpired {
        en: "Your session has expired or was revoked. Please sign in again.",
        ja: "セッションの有効期限が切れたか、取り消されました。もう一度サインインしてください。",
        zh: "会话已过期或已被撤销，请重新登录。",
    }
    ThemeLabel { en: "Theme", ja: "テーマ", zh: "主题" }
    ThemeSystem { en: "System", ja: "システム設定", zh: "跟随系统" }
    ThemeLight { en: "Light", ja: "ライト", zh: "浅色" }
    ThemeDark { en: "Dark", ja: "ダーク", zh: "深色" }
    LanguageLabel { en: "Language", ja: "言語", zh: "语言" }
    Loading { en: "Loading…", ja: "読み込み中…", zh: "加载中…" }
    CheckingRegistry { en: "Checking the registry…", ja: "レジストリを確認しています…", zh: "正在检查仓库…" }
    Retry { en: "Retry", ja: "再試行", zh: "重试" }
    Dismiss { en: "Dismiss", ja: "閉じる", zh: "关闭" }
    Notifications { en: "Notifications", ja: "通知", zh: "通知" }
    ErrorTitle { en: "Something went wrong", ja: "問題が発生しました", zh: "出现错误" }
    NetworkErrorTitle {
        en: "Cannot reach the registry",
        ja: "レジストリに接続できません",
        zh: "无法连接到仓库",
    }
    NetworkErrorBody {
        en: "Check your connection or whether the registry is running, then retry.",
        ja: "接続状況とレジストリが稼働しているかを確認してから、再試行してください。",
        zh: "请检查网络连接或仓库是否正在运行，然后重试。",
    }
    ServerSaid { en: "The registry answered:", ja: "レジストリの応答:", zh: "仓库返回：" }
    ConfigErrorTitle {
        en: "The dashboard configuration could not be loaded",
        ja: "ダッシュボードの設定を読み込めませんでした",
        zh: "无法加载控制台配置",
    }
    SetupTitle { en: "Set up your registry", ja: "レジストリのセットアップ", zh: "设置您的仓库" }
    SetupIntro {
        en: "This registry has no users yet. Create the first account; list its name in SUPER_USERS to make it the administrator.",
        ja: "このレジストリにはまだユーザーがいません。最初のアカウントを作成してください。管理者にするには、その名前を SUPER_USERS に記載します。",
        zh: "该仓库还没有任何用户。请创建第一个账号；将其名称加入 SUPER_USERS 即可成为管理员。",
    }
    FieldUsername { en: "Username", ja: "ユーザー名", zh: "用户名" }
    FieldEmail { en: "E-mail address", ja: "メールアドレス", zh: "电子邮箱" }
    FieldPassword { en: "Password", ja: "パスワード", zh: "密码" }
    FieldConfirmPassword { en: "Confirm password", ja: "パスワード（確認）", zh: "确认密码" }
    HintUsername {
        en: "2–255 characters: lowercase letters and digits, with single . _ or - between them.",
        ja: "2〜255 文字。英小文字と数字、その間に . _ - を 1 つずつ使えます。",
        zh: "2–255 个字符：小写字母和数字，中间可用单个 . _ 或 -。",
    }
    HintPassword {
        en: "At least 8 characters, no spaces.",
        ja: "8 文字以上、空白なし。",
        zh: "至少 8 个字符，不能包含空白。",
    }
    ErrRequired { en: "Required.", ja: "必須項目です。", zh: "此项为必填。" }
    ErrUsernamePattern {
        en: "Use lowercase letters and digits, with single . _ or - between them (no capitals, spaces or other symbols).",
        ja: "英小文字と数字を使い、間に . _ - を 1 つずつ入れられます（大文字・空白・その他の記号は不可）。",
        zh: "只能使用小写字母和数字，中间可用单个 . _ 或 -（不能有大写字母、空格或其他符号）。",
    }
    ErrUsernameLength {
        en: "Must be between 2 and 255 characters long.",
        ja: "2〜255 文字にしてください。",
        zh: "长度必须在 2 到 255 个字符之间。",
    }
    ErrEmailInvalid {
        en: "Enter an address like name@example.com.",
        ja: "name@example.com のような形式で入力してください。",
        zh: "请输入类似 name@example.com 的地址。",
    }
    ErrPasswordShort {
        en: "Too short: at least 8 characters.",
        ja: "短すぎます。8 文字以上にしてください。",
        zh: "太短：至少需要 8 个字符。",
    }
    ErrPasswordWhitespace {
        en: "Must not contain spaces, tabs or line breaks.",
        ja: "空白・タブ・改行は使えません。",
        zh: "不能包含空格、制表符或换行。",
    }
    ErrPasswordMismatch {
        en: "The passwords do not match.",
        ja: "パスワードが一致しません。",
        zh: "两次输入的密码不一致。",
    }
    FixErrors {
        en: "Please correct the highlighted fields.",
        ja: "強調表示された項目を修正してください。",
        zh: "请更正标出的字段。",
    }
    SetupSubmit { en: "Create account", ja: "アカウントを作成", zh: "创建账号" }
    SetupSubmitting { en: "Creating…", ja: "作成中…", zh: "正在创建…" }
    SetupRefused {
        en: "The registry did not create the account.",
        ja: "レジストリはアカウントを作成しませんでした。",
        zh: "仓库未能创建该账号。",
    }
    SetupDoneTitle { en: "Setup is already done", ja: "セットアップは完了しています", zh: "已完成设置" }
    SetupDoneBody {
        en: "This registry already has users, so the setup wizard is closed.",
        ja: "このレジストリにはすでにユーザーがいるため、セットアップウィザードは使用できません。",
        zh: "该仓库已有用户，因此设置向导已关闭。",
    }
    SetupUnavailableTitle {
        en: "Setup from the browser is not available",
        ja: "ブラウザからのセットアップは利用できません",
        zh: "无法通过浏览器进行设置",
    }
    SetupUnavailableBody {
        en: "This registry does not allow creating the first user here (FEATURE_USER_INITIALIZE is off, or it does not use database authentication).",
        ja: "このレジストリではここで最初のユーザーを作成できません（FEATURE_USER_INITIALIZE が無効か、データベース認証ではありません）。",
        zh: "该仓库不允许在此创建第一个用户（FEATURE_USER_INITIALIZE 已关闭，或未使用数据库认证）。",
    }
    ToastAccountCreated {
        en: "Account {name} created. You are signed in.",
        ja: "アカウント {name} を作成し、サインインしました。",
        zh: "已创建账号 {name} 并登录。",
    }
    ToastCreatedNoToken {
        en: "Account {name} created, but the registry returned no token to sign in with.",
        ja: "アカウント {name} を作成しましたが、サインイン用のトークンが返されませんでした。",
        zh: "已创建账号 {name}，但仓库未返回用于登录的令牌。",
    }
    SignedInAs { en: "Signed in as", ja: "サインイン中:", zh: "当前用户：" }
    SuperuserBadge { en: "Superuser", ja: "スーパーユーザー", zh: "超级用户" }
    HomeWelcome { en: "Welcome, {name}", ja: "ようこそ、{name} さん", zh: "欢迎，{name}" }
    HomeSuperuserBody {
        en: "You can manage this registry. Choose an area in the navigation.",
        ja: "このレジストリを管理できます。ナビゲーションから項目を選んでください。",
        zh: "您可以管理该仓库。请在导航中选择一个区域。",
    }
    NotSuperuserTitle {
        en: "{name} is not a superuser",
        ja: "{name} はスーパーユーザーではありません",
        zh: "{name} 不是超级用户",
    }
    NotSuperuserBody {
        en: "Add this name to SUPER_USERS in the registry's config.yaml and restart the registry. Until then the admin pages will be refused.",
        ja: "レジストリの config.yaml の SUPER_USERS にこの名前を追加し、レジストリを再起動してください。それまでは管理ページへのアクセスは拒否されます。",
        zh: "请将此名称加入仓库 config.yaml 中的 SUPER_USERS 并重启仓库。在此之前，管理页面将被拒绝访问。",
    }
    ComingNextBody {
        en: "This page is coming in the next release.",
        ja: "このページは次のリリースで提供されます。",
        zh: "此页面将在下一个版本中提供。",
    }
    NotFoundTitle { en: "Page not found", ja: "ページが見つかりません", zh: "页面未找到" }
    NotFoundBody {
        en: "There is no page at this address.",
        ja: "このアドレスにはページがありません。",
        zh: "此地址没有对应的页面。",
    }
    GoToOverview { en: "Go to the overview", ja: "概要へ移動", zh: "前往概览" }
    SignInTitle { en: "Sign in", ja: "サインイン", zh: "登录" }
    RegistryLabel { en: "Registry:", ja: "レジストリ:", zh: "仓库：" }
    SignInWithQuay { en: "Sign in with Quay", ja: "Quay でサインイン", zh: "使用 Quay 登录" }
    SignInWithQuayBody {
        en: "You sign in on the registry's own page and allow this dashboard two scopes: super:user (administer the registry) and user:read (know who you are).",
        ja: "レジストリ自身のページでサインインし、このダッシュボードに 2 つのスコープを許可します: super:user（レジストリの管理）と user:read（ユーザーの識別）。",
        zh: "您将在仓库自己的页面上登录，并授予本控制台两个权限：super:user（管理仓库）和 user:read（识别您的身份）。",
    }
    NoClientIdBody {
        en: "Signing in through the registry needs an OAuth application: put its client id into config.json as oauth_client_id (the setup wizard can register one). Meanwhile you can use an access token.",
        ja: "レジストリ経由のサインインには OAuth アプリケーションが必要です。その client id を config.json の oauth_client_id に設定してください（セットアップウィザードで登録できます）。それまではアクセストークンを使えます。",
        zh: "通过仓库登录需要一个 OAuth 应用：请将其 client id 写入 config.json 的 oauth_client_id（设置向导可以注册）。在此之前，您可以使用访问令牌。",
    }
    TokenTitle { en: "Use an access token", ja: "アクセストークンを使う", zh: "使用访问令牌" }
    TokenBody {
        en: "Paste an OAuth access token with the super:user and user:read scopes. The registry checks it before this tab keeps it.",
        ja: "super:user と user:read スコープを持つ OAuth アクセストークンを貼り付けてください。このタブで保持する前にレジストリで確認します。",
        zh: "粘贴具有 super:user 和 user:read 权限的 OAuth 访问令牌。本标签页保存之前会先由仓库验证。",
    }
    ErrTokenFormat {
        en: "That is not an access token: tokens are letters and digits only.",
        ja: "アクセストークンではありません。トークンは英字と数字のみです。",
        zh: "这不是访问令牌：令牌只包含字母和数字。",
    }
    FieldAccessToken { en: "Access token", ja: "アクセストークン", zh: "访问令牌" }
    TokenSubmit { en: "Use token", ja: "トークンを使う", zh: "使用令牌" }
    Checking { en: "Checking…", ja: "確認中…", zh: "正在检查…" }
    TokenRefused {
        en: "The registry did not accept this token.",
        ja: "レジストリはこのトークンを受け付けませんでした。",
        zh: "仓库未接受此令牌。",
    }
    ReturnRefused {
        en: "The registry did not grant access (error: {name}). Nothing was stored.",
        ja: "レジストリはアクセスを許可しませんでした（エラー: {name}）。何も保存していません。",
        zh: "仓库未授予访问权限（错误：{name}）。未保存任何内容。",
    }
    ReturnStateMismatch {
        en: "The sign-in answer did not match the request this tab sent, so it was ignored and nothing was stored. Please sign in again.",
        ja: "サインインの応答がこのタブの送ったリクエストと一致しないため無視し、何も保存していません。もう一度サインインしてください。",
        zh: "登录响应与本标签页发出的请求不匹配，已被忽略，未保存任何内容。请重新登录。",
    }
    ReturnMissingToken {
        en: "The registry's answer carried no usable access token. Please sign in again.",
        ja: "レジストリの応答に使用可能なアクセストークンが含まれていませんでした。もう一度サインインしてください。",
        zh: "仓库的响应中没有可用的访问令牌。请重新登录。",
    }
    ScopeMissingTitle {
        en: "This sign-in lacks the super:user scope",
        ja: "このサインインには super:user スコープがありません",
        zh: "此次登录缺少 super:user 权限",
    }
    ScopeMissingBody {
        en: "Sign out, then sign in again and allow Super User Access, or use a token granted super:user.",
        ja: "サインアウトしてから再度サインインし、Super User Access を許可するか、super:user を持つトークンを使ってください。",
        zh: "请退出后重新登录并允许 Super User Access，或使用已授予 super:user 的令牌。",
    }
    NotSuperuserUnknownBody {
        en: "Either this account is not listed in SUPER_USERS in the registry's config.yaml, or this token was granted without the super:user scope. No admin request was sent.",
        ja: "このアカウントがレジストリの config.yaml の SUPER_USERS に記載されていないか、このトークンに super:user スコープが付与されていません。管理リクエストは送信していません。",
        zh: "该账号未列入仓库 config.yaml 的 SUPER_USERS，或此令牌未被授予 super:user 权限。未发送任何管理请求。",
    }
    RegisterTitle {
        en: "Register this dashboard with the registry",
        ja: "このダッシュボードをレジストリに登録",
        zh: "在仓库中注册本控制台",
    }
    RegisterBody {
        en: "Signing in later needs an OAuth application in an organization you administer. This creates both; the application's redirect URI is this dashboard's address: {name}",
        ja: "今後のサインインには、管理する組織内の OAuth アプリケーションが必要です。ここで両方を作成します。アプリケーションのリダイレクト URI はこのダッシュボードのアドレスです: {name}",
        zh: "之后登录需要您所管理组织中的 OAuth 应用。此处将同时创建二者；应用的重定向 URI 为本控制台地址：{name}",
    }
    FieldOrganization { en: "Organization", ja: "組織", zh: "组织" }
    RegisterSubmit {
        en: "Create organization and application",
        ja: "組織とアプリケーションを作成",
        zh: "创建组织和应用",
    }
    RegisterSubmitting { en: "Registering…", ja: "登録中…", zh: "正在注册…" }
    RegisterRefused {
        en: "The registry did not register the dashboard.",
        ja: "レジストリはダッシュボードを登録しませんでした。",
        zh: "仓库未能注册本控制台。",
    }
    RegisterDoneTitle { en: "Dashboard registered", ja: "ダッシュボードを登録しました", zh: "控制台已注册" }
    RegisterDoneBody {
        en: "Put this client id into config.json as oauth_client_id, next to index.html. Until then this browser remembers it.",
        ja: "この client id を index.html と同じ場所にある config.json の oauth_client_id に設定してください。それまではこのブラウザが記憶します。",
        zh: "请将此 client id 写入 index.html 旁边 config.json 的 oauth_client_id。在此之前，本浏览器会记住它。",
    }
    ClientIdLabel { en: "Client id", ja: "クライアント ID", zh: "客户端 ID" }
    Copy { en: "Copy", ja: "コピー", zh: "复制" }
    Copied { en: "Copied to the clipboard.", ja: "クリップボードにコピーしました。", zh: "已复制到剪贴板。" }
    ContinueToOverview { en: "Continue to the overview", ja: "概要へ進む", zh: "继续前往概览" }
    SkipForNow { en: "Skip for now", ja: "今はスキップ", zh: "暂时跳过" }
}
