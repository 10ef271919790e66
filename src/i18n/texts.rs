//! Every user-visible text, in every language. A missing translation is a compile error, because
//! each entry must name all three. English is compiled into the app; Japanese and Chinese are
//! generated from here into `public/i18n/*.json` (see `catalogue.rs`) and fetched when chosen,
//! so the first load does not carry two languages it usually does not show.

#[cfg(test)]
use super::Locale;

macro_rules! texts {
    ($($key:ident { en: $en:expr, ja: $ja:expr, zh: $zh:expr $(,)? })*) => {
        /// Numbers the texts in the order written.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        enum Index { $($key),* }

        /// A text: its position (indexing the translated catalogues) and its English words.
        /// Each text is a constant (`Key::SignOut`) holding its own English string, so the string
        /// sits in the wasm chunk of the code that uses it: a page's texts load with the page,
        /// not with the first load, which a single `match` over all texts would force.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Key {
            index: u16,
            english: &'static str,
        }

        #[allow(non_upper_case_globals)]
        impl Key {
            $(pub const $key: Key = Key { index: Index::$key as u16, english: $en };)*

            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
            /// How many texts there are: a translated catalogue must have exactly this many.
            pub const COUNT: usize = [$(stringify!($key)),*].len();

            /// The English text: the only language compiled into the app.
            pub fn english(self) -> &'static str {
                self.english
            }

            /// The position in the translated catalogues.
            pub fn index(self) -> usize {
                usize::from(self.index)
            }

            /// The text in any language, as written here. Only tests and the catalogue
            /// generator use it: the app gets Japanese and Chinese from `public/i18n/`.
            #[cfg(test)]
            pub fn translation(self, locale: Locale) -> &'static str {
                match locale {
                    Locale::En => self.english,
                    Locale::Ja => [$($ja),*][self.index()],
                    Locale::ZhHans => [$($zh),*][self.index()],
                }
            }
        }
    };
}

texts! {
    AppName { en: "Quay Admin", ja: "Quay 管理", zh: "Quay 管理" }
    SkipToContent { en: "Skip to content", ja: "本文へ移動", zh: "跳到主要内容" }
    Menu { en: "Menu", ja: "メニュー", zh: "菜单" }
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
    LanguageLoadFailed {
        en: "The language could not be loaded",
        ja: "言語を読み込めませんでした",
        zh: "无法加载该语言",
    }
    Loading { en: "Loading…", ja: "読み込み中…", zh: "加载中…" }
    CheckingRegistry { en: "Checking the registry…", ja: "レジストリを確認しています…", zh: "正在检查仓库…" }
    Retry { en: "Retry", ja: "再試行", zh: "重试" }
    PageLoadFailedTitle {
        en: "This page could not be loaded",
        ja: "このページを読み込めませんでした",
        zh: "无法加载此页面",
    }
    PageLoadFailedBody {
        en: "Its code could not be fetched from the server. Check the connection to the registry, then try again.",
        ja: "ページのコードをサーバーから取得できませんでした。レジストリへの接続を確認してから、もう一度お試しください。",
        zh: "无法从服务器获取此页面的代码。请检查与镜像仓库的连接，然后重试。",
    }
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
    ErrorDetails { en: "Details:", ja: "詳細:", zh: "详情：" }
    TimeoutTitle {
        en: "The registry did not answer in time",
        ja: "レジストリが時間内に応答しませんでした",
        zh: "仓库未能及时响应",
    }
    TimeoutBody {
        en: "The request was given up. The registry may be overloaded, or a proxy may be holding the request; retry in a moment.",
        ja: "リクエストを中止しました。レジストリが過負荷か、プロキシがリクエストを止めている可能性があります。しばらくしてから再試行してください。",
        zh: "请求已放弃。仓库可能负载过高，或代理拦住了请求；请稍后重试。",
    }
    UnreadableTitle {
        en: "The registry's answer could not be read",
        ja: "レジストリの応答を読み取れませんでした",
        zh: "无法读取仓库的响应",
    }
    UnreadableBody {
        en: "It was not an answer of Quay's API: a proxy or sign-in page in front of the registry may have answered instead. Retry, or open the registry in another tab to check.",
        ja: "Quay API の応答ではありませんでした。レジストリの前にあるプロキシやサインインページが代わりに応答した可能性があります。再試行するか、別のタブでレジストリを開いて確認してください。",
        zh: "这不是 Quay API 的响应：可能是仓库前面的代理或登录页面代为响应了。请重试，或在另一个标签页中打开仓库进行检查。",
    }
    ServerErrorBody {
        en: "The registry failed while handling the request. Retry in a moment; if it keeps failing, the registry's logs say why.",
        ja: "レジストリがリクエストの処理中に失敗しました。しばらくしてから再試行してください。失敗が続く場合は、レジストリのログに原因が記録されています。",
        zh: "仓库在处理请求时出错。请稍后重试；如果持续失败，请查看仓库日志了解原因。",
    }
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
        en: "Add this name to SUPER_USERS in the registry's config.yaml (or to GLOBAL_READONLY_SUPER_USERS, to let it read only) and restart the registry. Until then the admin pages will be refused.",
        ja: "レジストリの config.yaml の SUPER_USERS（閲覧のみを許可する場合は GLOBAL_READONLY_SUPER_USERS）にこの名前を追加し、レジストリを再起動してください。それまでは管理ページへのアクセスは拒否されます。",
        zh: "请将此名称加入仓库 config.yaml 中的 SUPER_USERS（若只允许查看，则加入 GLOBAL_READONLY_SUPER_USERS）并重启仓库。在此之前，管理页面将被拒绝访问。",
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
        en: "You allow this dashboard three scopes on the registry's own page: super:user (administer the registry), user:read (know who you are) and org:admin (change organization settings).",
        ja: "レジストリ自身のページで、このダッシュボードに 3 つのスコープを許可します: super:user（レジストリの管理）、user:read（ユーザーの識別）、org:admin（組織の設定の変更）。",
        zh: "您将在仓库自己的页面上授予本控制台三个权限：super:user（管理仓库）、user:read（识别您的身份）和 org:admin（更改组织设置）。",
    }
    RegistrySessionNeeded {
        en: "The registry's page needs you signed in to the registry in this browser.",
        ja: "レジストリのページでは、このブラウザでレジストリにサインインしている必要があります。",
        zh: "仓库的页面要求您在此浏览器中已登录仓库。",
    }
    RegistrySignInPage {
        en: "Open the registry's sign-in page",
        ja: "レジストリのサインインページを開く",
        zh: "打开仓库的登录页面",
    }
    RegistrySessionUnknown {
        en: "Could not find out whether this browser is signed in to the registry.",
        ja: "このブラウザがレジストリにサインインしているか確認できませんでした。",
        zh: "无法确定此浏览器是否已登录仓库。",
    }
    RegistryExternalLogin {
        en: "This registry signs people in through another service, so only its own page can sign you in. Sign in there, then come back and choose Sign in with Quay again.",
        ja: "このレジストリは別のサービスでサインインするため、レジストリ自身のページでしかサインインできません。そこでサインインしてから戻り、もう一度「Quay でサインイン」を選んでください。",
        zh: "此仓库通过其他服务登录，因此只能在仓库自己的页面登录。请在那里登录，然后返回并再次选择“使用 Quay 登录”。",
    }
    RegistrySignInTitle {
        en: "Sign in to the registry",
        ja: "レジストリにサインイン",
        zh: "登录仓库",
    }
    RegistrySignInBody {
        en: "This browser is not signed in to the registry yet. Sign in with your registry account; the registry then asks you to allow this dashboard.",
        ja: "このブラウザはまだレジストリにサインインしていません。レジストリのアカウントでサインインすると、レジストリがこのダッシュボードの許可を求めます。",
        zh: "此浏览器尚未登录仓库。请使用您的仓库账户登录，随后仓库会请您授权本控制台。",
    }
    RegistrySignInRefused {
        en: "The registry did not sign you in.",
        ja: "レジストリはサインインを受け付けませんでした。",
        zh: "仓库未让您登录。",
    }
    RegistrySignInSubmit {
        en: "Sign in to the registry",
        ja: "レジストリにサインイン",
        zh: "登录仓库",
    }
    RetryAfterSeconds {
        en: "Try again in {name} seconds.",
        ja: "{name} 秒後にもう一度お試しください。",
        zh: "请在 {name} 秒后重试。",
    }
    SigningIn { en: "Signing in…", ja: "サインイン中…", zh: "正在登录…" }
    FieldUsernameOrEmail {
        en: "Username or e-mail address",
        ja: "ユーザー名またはメールアドレス",
        zh: "用户名或电子邮件地址",
    }
    NoClientIdBody {
        en: "Signing in through the registry needs an OAuth application: put its client id into config.json as oauth_client_id (the setup wizard can register one). Meanwhile you can use an access token.",
        ja: "レジストリ経由のサインインには OAuth アプリケーションが必要です。その client id を config.json の oauth_client_id に設定してください（セットアップウィザードで登録できます）。それまではアクセストークンを使えます。",
        zh: "通过仓库登录需要一个 OAuth 应用：请将其 client id 写入 config.json 的 oauth_client_id（设置向导可以注册）。在此之前，您可以使用访问令牌。",
    }
    RegisterThisConsole { en: "Register this console", ja: "このコンソールを登録", zh: "注册本控制台" }
    UnknownClientBody {
        en: "This registry has no OAuth application with the client id {name}, so nobody can sign in through it. Register this console again, then put the new client id into config.json.",
        ja: "このレジストリにはクライアント ID {name} の OAuth アプリケーションがないため、これを使ってサインインできません。このコンソールを登録し直し、新しいクライアント ID を config.json に設定してください。",
        zh: "此仓库中没有客户端 ID 为 {name} 的 OAuth 应用，因此无法通过它登录。请重新注册本控制台，然后将新的客户端 ID 写入 config.json。",
    }
    NoAccessTitle {
        en: "{name} cannot sign in to this console yet",
        ja: "{name} はまだこのコンソールにサインインできません",
        zh: "{name} 目前还不能登录本控制台",
    }
    NoAccessBody {
        en: "This console signs in through an OAuth application that belongs to the organization {name}, and the registry lets only that organization's administrators use it.",
        ja: "このコンソールは組織 {name} に属する OAuth アプリケーションでサインインします。レジストリはその組織の管理者にしか使用を許可しません。",
        zh: "本控制台通过属于组织 {name} 的 OAuth 应用登录，而仓库只允许该组织的管理员使用它。",
    }
    NoAccessAdmins { en: "Administrators of {name}:", ja: "{name} の管理者:", zh: "{name} 的管理员：" }
    NoAccessSuperusers { en: "The other superusers of this registry:", ja: "このレジストリの他のスーパーユーザー:", zh: "此仓库的其他超级用户：" }
    NoAccessAsk {
        en: "Ask an administrator of the organization, or a superuser who already uses this console, to add you to its owners team (in this console: Overview, Console access).",
        ja: "組織の管理者か、すでにこのコンソールを使っているスーパーユーザーに、owners チームへの追加を依頼してください（このコンソールの「概要」→「コンソールへのアクセス」）。",
        zh: "请联系该组织的管理员，或已在使用本控制台的超级用户，将您加入其 owners 团队（在本控制台中：概览 → 控制台访问）。",
    }
    NoAccessTakeOwnership {
        en: "Make me an administrator of {name}",
        ja: "自分を {name} の管理者にする",
        zh: "让我成为 {name} 的管理员",
    }
    NoAccessTakeOwnershipBody {
        en: "As a superuser you can take ownership of {name}: you join its owners team and sign-in continues. The registry records this in its usage logs.",
        ja: "スーパーユーザーは {name} の所有権を取得できます。owners チームに加わり、サインインを続行します。レジストリはこれを使用ログに記録します。",
        zh: "作为超级用户，您可以接管 {name}：您将加入其 owners 团队并继续登录。仓库会在使用日志中记录此操作。",
    }
    NoAccessPasswordAgain {
        en: "The registry asks for your password again before this change: its sign-ins count as recent for 10 minutes only. Sign in again as {name} and ownership is taken at once.",
        ja: "この変更の前に、レジストリがパスワードの再入力を求めています（サインインが最近とみなされるのは 10 分間のみ）。{name} として再度サインインすると、すぐに所有権を取得します。",
        zh: "进行此更改前，仓库要求再次输入密码：登录仅在 10 分钟内视为最近登录。以 {name} 重新登录后将立即接管。",
    }
    SignInAsSomeoneElse {
        en: "Sign in to the registry as someone else",
        ja: "別のユーザーでレジストリにサインイン",
        zh: "以其他用户身份登录仓库",
    }
    RegistrySignOutFailed {
        en: "The registry did not sign you out.",
        ja: "レジストリはサインアウトしませんでした。",
        zh: "仓库未能让您退出登录。",
    }
    ConsoleAccessTitle { en: "Console access", ja: "コンソールへのアクセス", zh: "控制台访问" }
    ConsoleAccessBody {
        en: "Signing in here goes through an OAuth application of the organization {name}: only administrators of that organization can use it. Add the superusers who should use this console to its admin team.",
        ja: "ここでのサインインは組織 {name} の OAuth アプリケーションを通じて行われ、その組織の管理者だけが使えます。このコンソールを使うスーパーユーザーを管理者チームに追加してください。",
        zh: "在此登录需通过组织 {name} 的 OAuth 应用，只有该组织的管理员才能使用。请将需要使用本控制台的超级用户加入其管理员团队。",
    }
    ConsoleAccessCaption {
        en: "Superusers and whether they can sign in to this console",
        ja: "スーパーユーザーとこのコンソールへのサインイン可否",
        zh: "超级用户及其能否登录本控制台",
    }
    ColSuperuser { en: "Superuser", ja: "スーパーユーザー", zh: "超级用户" }
    ColConsoleAccess { en: "Console access", ja: "コンソールへのアクセス", zh: "控制台访问" }
    AccessMember { en: "Can sign in", ja: "サインイン可能", zh: "可以登录" }
    AccessInvited { en: "Invited", ja: "招待済み", zh: "已邀请" }
    AccessNone { en: "Cannot sign in", ja: "サインイン不可", zh: "无法登录" }
    AccessInvitedHint {
        en: "The registry sent an invitation; access starts once it is accepted (the e-mail's link, or the registry's notification).",
        ja: "レジストリが招待を送信しました。招待が承認されるとアクセスできるようになります（メールのリンクまたはレジストリの通知から）。",
        zh: "仓库已发送邀请；接受邀请后即可访问（通过邮件中的链接或仓库通知）。",
    }
    AddToTeam { en: "Add to {name}", ja: "{name} に追加", zh: "加入 {name}" }
    AddedToTeamToast {
        en: "{name} can now sign in to this console.",
        ja: "{name} はこのコンソールにサインインできるようになりました。",
        zh: "{name} 现在可以登录本控制台了。",
    }
    InvitedToTeamToast {
        en: "{name} was invited and can sign in once the invitation is accepted.",
        ja: "{name} を招待しました。招待が承認されるとサインインできます。",
        zh: "已邀请 {name}，接受邀请后即可登录。",
    }
    AddToTeamFailed {
        en: "The registry did not add the user to the team.",
        ja: "レジストリはユーザーをチームに追加しませんでした。",
        zh: "仓库未能将该用户加入团队。",
    }
    ConsoleAccessNoClient {
        en: "This console has no OAuth application yet, so nobody can sign in through the registry. Register it here.",
        ja: "このコンソールにはまだ OAuth アプリケーションがないため、レジストリ経由でサインインできません。ここで登録してください。",
        zh: "本控制台尚无 OAuth 应用，因此无法通过仓库登录。请在此注册。",
    }
    ConsoleAccessLoadFailed {
        en: "Who can sign in to this console could not be determined.",
        ja: "このコンソールにサインインできるユーザーを確認できませんでした。",
        zh: "无法确定谁可以登录本控制台。",
    }
    TokenTitle { en: "Use an access token", ja: "アクセストークンを使う", zh: "使用访问令牌" }
    TokenBody {
        en: "Paste an OAuth access token with the super:user, user:read and org:admin scopes. The registry checks it before this tab keeps it.",
        ja: "super:user、user:read、org:admin スコープを持つ OAuth アクセストークンを貼り付けてください。このタブで保持する前にレジストリで確認します。",
        zh: "粘贴具有 super:user、user:read 和 org:admin 权限的 OAuth 访问令牌。本标签页保存之前会先由仓库验证。",
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
        en: "Either this account is not listed in SUPER_USERS in the registry's config.yaml, or this token was granted without the super:user scope. The registry did not let it read the user list either, so it is no read-only superuser.",
        ja: "このアカウントがレジストリの config.yaml の SUPER_USERS に記載されていないか、このトークンに super:user スコープが付与されていません。レジストリはユーザー一覧の閲覧も許可しなかったため、読み取り専用スーパーユーザーでもありません。",
        zh: "该账号未列入仓库 config.yaml 的 SUPER_USERS，或此令牌未被授予 super:user 权限。仓库也不允许它查看用户列表，因此它也不是只读超级用户。",
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
        en: "Create organization and app",
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
    // Lists, tables and dialogs shared by the admin pages.
    Cancel { en: "Cancel", ja: "キャンセル", zh: "取消" }
    Close { en: "Close", ja: "閉じる", zh: "关闭" }
    Done { en: "Done", ja: "完了", zh: "完成" }
    Delete { en: "Delete", ja: "削除", zh: "删除" }
    Manage { en: "Manage", ja: "管理", zh: "管理" }
    Working { en: "Working…", ja: "処理中…", zh: "正在处理…" }
    CopyFailed {
        en: "Copy failed: select the text and copy it yourself.",
        ja: "コピーできませんでした。テキストを選択して手動でコピーしてください。",
        zh: "复制失败：请手动选择并复制文本。",
    }
    RowsPerPage { en: "Rows per page", ja: "1 ページの行数", zh: "每页行数" }
    AllRowsOneTable { en: "All, scrolling", ja: "すべて (スクロール)", zh: "全部（滚动）" }
    Pagination { en: "Pages", ja: "ページ送り", zh: "分页" }
    PreviousPage { en: "Previous", ja: "前へ", zh: "上一页" }
    NextPage { en: "Next", ja: "次へ", zh: "下一页" }
    PageNumber { en: "Page {page}", ja: "{page} ページ目", zh: "第 {page} 页" }
    RangeOfTotal {
        en: "{first}–{last} of {total} {noun}",
        ja: "{noun} {total} 件中 {first}–{last} 件",
        zh: "{noun}共 {total} 个，第 {first}–{last} 个",
    }
    RangeOfLoaded {
        en: "{first}–{last} of {total} {noun} loaded; more on the server",
        ja: "読み込み済みの{noun} {total} 件中 {first}–{last} 件（サーバーにさらにあります）",
        zh: "已加载{noun} {total} 个，第 {first}–{last} 个；服务器上还有更多",
    }
    NoRowsOnPage { en: "No rows on this page.", ja: "このページには行がありません。", zh: "此页没有内容。" }
    PartialResults {
        en: "Filter and sort cover only the {count} {noun} loaded so far.",
        ja: "絞り込みと並べ替えは、これまでに読み込んだ{noun} {count} 件だけが対象です。",
        zh: "筛选和排序仅针对目前已加载的 {count} 个{noun}。",
    }
    OneTableLoadedSoFar {
        en: "The table holds the {count} {noun} loaded so far.",
        ja: "表には、これまでに読み込んだ{noun} {count} 件があります。",
        zh: "表中是目前已加载的 {count} 个{noun}。",
    }
    LoadAll { en: "Load all", ja: "すべて読み込む", zh: "全部加载" }
    LoadingCount { en: "Loading… {count} so far", ja: "読み込み中… {count} 件", zh: "正在加载… 已加载 {count} 个" }
    ListLoadFailed { en: "The list could not be loaded.", ja: "一覧を読み込めませんでした。", zh: "无法加载列表。" }
    ClearFilter { en: "Clear the filter", ja: "絞り込みを解除", zh: "清除筛选" }
    SelectPage { en: "Select all rows on this page", ja: "このページのすべての行を選択", zh: "选择本页所有行" }
    SelectRow { en: "Select {name}", ja: "{name} を選択", zh: "选择 {name}" }
    SelectedCount { en: "{count} selected", ja: "{count} 件選択中", zh: "已选择 {count} 个" }
    ClearSelection { en: "Clear selection", ja: "選択を解除", zh: "清除选择" }
    BulkActions { en: "Bulk actions", ja: "一括操作", zh: "批量操作" }
    BulkListIntro {
        en: "This applies to each of these, one after another:",
        ja: "次のそれぞれに順番に適用します:",
        zh: "将依次应用于以下各项：",
    }
    BulkProgress { en: "{done} of {total} done", ja: "{total} 件中 {done} 件完了", zh: "已完成 {done} / {total}" }
    BulkResultToast {
        en: "{done} done, {failed} failed.",
        ja: "{done} 件成功、{failed} 件失敗しました。",
        zh: "成功 {done} 个，失败 {failed} 个。",
    }
    ResultDone { en: "Done", ja: "完了", zh: "已完成" }
    BulkLeftOutSuperusers {
        en: "Left out: the registry refuses to change or delete a superuser.",
        ja: "除外: レジストリはスーパーユーザーの変更や削除を拒否します。",
        zh: "已排除：注册表拒绝更改或删除超级用户。",
    }
    BulkYou { en: "(you)", ja: "(あなた)", zh: "（您）" }
    BulkNothingLeft {
        en: "Nothing to do: the registry would refuse every selected account.",
        ja: "実行できる対象がありません: 選択したすべてのアカウントがレジストリに拒否されます。",
        zh: "无可执行的操作：注册表会拒绝所有已选账户。",
    }
    BulkTypeCount {
        en: "Type {count}, the number of accounts, to delete them",
        ja: "削除するには、アカウント数 {count} を入力してください",
        zh: "请输入账户数量 {count} 以删除它们",
    }
    ExportCsv { en: "Export CSV", ja: "CSV をエクスポート", zh: "导出 CSV" }
    ExportedRows { en: "Exported {count} rows.", ja: "{count} 行をエクスポートしました。", zh: "已导出 {count} 行。" }
    ExportFailed {
        en: "The browser refused to save the file.",
        ja: "ブラウザーがファイルの保存を拒否しました。",
        zh: "浏览器拒绝保存该文件。",
    }
    TypeNameToConfirm { en: "To confirm, type", ja: "確認のため次を入力してください:", zh: "请输入以下内容以确认：" }
    QuotaWarning { en: "Nearing limit", ja: "上限に近い", zh: "接近上限" }
    QuotaDanger { en: "Almost full", ja: "ほぼ上限", zh: "即将用满" }
    QuotaOver { en: "Over limit", ja: "上限超過", zh: "已超出上限" }
    QuotaNoLimit { en: "no quota", ja: "クォータなし", zh: "无配额" }
    QuotasCaption {
        en: "Storage use of every namespace with a quota or stored data, page {page}",
        ja: "クォータまたは保存データのあるすべての名前空間のストレージ使用量（{page} ページ目）",
        zh: "所有有配额或已存储数据的命名空间的存储用量（第 {page} 页）",
    }
    QuotasSummary {
        en: "{count} namespaces · {used} stored · {over} over their limit",
        ja: "{count} 個の名前空間 · 保存量 {used} · 上限超過 {over}",
        zh: "{count} 个命名空间 · 已存储 {used} · {over} 个超出上限",
    }
    NounNamespaces { en: "namespaces", ja: "名前空間", zh: "命名空间" }
    FilterNamespaces { en: "Filter by name", ja: "名前で絞り込み", zh: "按名称筛选" }
    NoNamespacesMatch { en: "No namespace matches.", ja: "一致する名前空間はありません。", zh: "没有匹配的命名空间。" }
    NoNamespacesYet {
        en: "No namespace has a quota or stores data yet.",
        ja: "クォータやデータのある名前空間はまだありません。",
        zh: "还没有设置配额或存储数据的命名空间。",
    }
    ColKind { en: "Kind", ja: "種類", zh: "类型" }
    ColUsed { en: "Used", ja: "使用量", zh: "已用" }
    ColLimit { en: "Limit", ja: "上限", zh: "上限" }
    ColUsage { en: "Usage", ja: "使用率", zh: "使用率" }
    KindAll { en: "All kinds", ja: "すべての種類", zh: "全部类型" }
    KindUser { en: "User", ja: "ユーザー", zh: "用户" }
    KindOrganization { en: "Organization", ja: "組織", zh: "组织" }
    QuickFilters { en: "Show", ja: "表示", zh: "显示" }
    OnlyAll { en: "All", ja: "すべて", zh: "全部" }
    OnlyOver90 { en: "Over 90 %", ja: "90 % 超", zh: "超过 90%" }
    OnlyOver70 { en: "Over 70 %", ja: "70 % 超", zh: "超过 70%" }
    OnlyNoQuota { en: "No quota", ja: "クォータなし", zh: "无配额" }
    RegistrySizeIntro {
        en: "The sum of every stored blob, each counted once however many repositories share it. Quay calculates it in the background when asked.",
        ja: "保存されているすべての blob の合計です。複数のリポジトリで共有される blob も 1 回だけ数えます。Quay が要求に応じてバックグラウンドで計算します。",
        zh: "所有已存储 blob 的总和，多个仓库共享的 blob 只计一次。Quay 会在请求后于后台计算。",
    }
    CalculateNow { en: "Calculate now", ja: "今すぐ計算", zh: "立即计算" }
    TotalSize { en: "Total size", ja: "合計サイズ", zh: "总大小" }
    LastCalculated { en: "Last calculated", ja: "最終計算", zh: "上次计算" }
    NeverCalculated { en: "Never calculated yet", ja: "まだ計算されていません", zh: "尚未计算" }
    SizeState { en: "State", ja: "状態", zh: "状态" }
    SizeStateIdle { en: "Idle", ja: "待機中", zh: "空闲" }
    SizeStateQueued { en: "Queued", ja: "キュー登録済み", zh: "排队中" }
    SizeStateRunning { en: "Running", ja: "計算中", zh: "计算中" }
    RegistrySizeQueuedToast {
        en: "Calculation queued; this page follows it.",
        ja: "計算をキューに登録しました。このページで進行を追跡します。",
        zh: "已加入计算队列，本页会跟踪进度。",
    }
    RegistrySizeDoneToast { en: "Registry size calculated: {size}.", ja: "レジストリサイズを計算しました: {size}", zh: "仓库容量已计算完成：{size}。" }
    SetupProbeFailed {
        en: "The registry's state could not be checked.",
        ja: "レジストリの状態を確認できませんでした。",
        zh: "无法检查仓库状态。",
    }
    RegistrySizeLoadFailed {
        en: "The registry size could not be loaded.",
        ja: "レジストリサイズを読み込めませんでした。",
        zh: "无法加载仓库容量。",
    }
    BiggestLoadFailed {
        en: "The namespaces could not be loaded.",
        ja: "名前空間を読み込めませんでした。",
        zh: "无法加载命名空间。",
    }
    RegistrySizeQueueFailed {
        en: "The registry did not queue the calculation.",
        ja: "レジストリは計算をキューに登録しませんでした。",
        zh: "仓库未能将计算加入队列。",
    }
    BiggestNamespaces { en: "Biggest namespaces", ja: "容量の大きい名前空間", zh: "占用最大的命名空间" }
    CreateKey { en: "Create key", ja: "キーを作成", zh: "创建密钥" }
    FilterKeys { en: "Filter by name, service or key id", ja: "名前・サービス・キー ID で絞り込み", zh: "按名称、服务或密钥 ID 筛选" }
    NounKeys { en: "keys", ja: "キー", zh: "个密钥" }
    KeysCaption {
        en: "Service keys: who approved them and when they expire, page {page}",
        ja: "サービスキー: 承認者と有効期限（{page} ページ目）",
        zh: "服务密钥：批准人和到期时间（第 {page} 页）",
    }
    NoKeysMatch { en: "No key matches.", ja: "一致するキーはありません。", zh: "没有匹配的密钥。" }
    NoKeysYet { en: "No service key yet.", ja: "サービスキーはまだありません。", zh: "还没有服务密钥。" }
    ColService { en: "Service", ja: "サービス", zh: "服务" }
    ColKeyId { en: "Key id", ja: "キー ID", zh: "密钥 ID" }
    ColCreated { en: "Created", ja: "作成", zh: "创建时间" }
    ColExpires { en: "Expires", ja: "有効期限", zh: "到期" }
    ColApproval { en: "Approval", ja: "承認", zh: "批准" }
    AllServices { en: "All services", ja: "すべてのサービス", zh: "全部服务" }
    AllStates { en: "All states", ja: "すべての状態", zh: "全部状态" }
    KeyPending { en: "Pending approval", ja: "承認待ち", zh: "待批准" }
    KeyApproved { en: "Approved", ja: "承認済み", zh: "已批准" }
    KeyApprovedAutomatically { en: "by the registry", ja: "レジストリが自動承認", zh: "由仓库自动批准" }
    KeyExpiringSoon { en: "Within 7 days", ja: "7 日以内", zh: "7 天内" }
    KeyExpired { en: "Expired", ja: "期限切れ", zh: "已过期" }
    KeyNeverExpires { en: "Never expires", ja: "無期限", zh: "永不过期" }
    KeyUnnamed { en: "(no name)", ja: "（名前なし）", zh: "（无名称）" }
    CopyKeyId { en: "Copy id", ja: "ID をコピー", zh: "复制 ID" }
    HintService { en: "Lowercase letters, digits and _ (e.g. clair).", ja: "小文字・数字・_ のみ（例: clair）。", zh: "仅限小写字母、数字和 _（例如 clair）。" }
    FieldKeyName { en: "Friendly name", ja: "表示名", zh: "显示名称" }
    HintKeyName { en: "Optional: letters, digits, spaces and - _ : /.", ja: "任意: 英数字・空白・- _ : / が使えます。", zh: "可选：字母、数字、空格及 - _ : /。" }
    FieldExpiration { en: "Expires on (UTC)", ja: "有効期限（UTC）", zh: "到期日期（UTC）" }
    FieldMetadata { en: "Metadata", ja: "メタデータ", zh: "元数据" }
    MetadataKey { en: "Metadata key {n}", ja: "メタデータのキー {n}", zh: "元数据键 {n}" }
    MetadataValue { en: "Metadata value {n}", ja: "メタデータの値 {n}", zh: "元数据值 {n}" }
    MetadataKeyPlaceholder { en: "key", ja: "キー", zh: "键" }
    MetadataValuePlaceholder { en: "value", ja: "値", zh: "值" }
    AddRow { en: "Add entry", ja: "項目を追加", zh: "添加条目" }
    RemoveRow { en: "Remove entry", ja: "項目を削除", zh: "删除条目" }
    MetadataMergeHint {
        en: "Quay merges metadata: entries given here are added or replaced; entries removed here stay on the key.",
        ja: "Quay はメタデータをマージします。ここで指定した項目は追加・置換され、ここで削除した項目はキーに残ります。",
        zh: "Quay 会合并元数据：此处填写的条目会被添加或替换，此处删除的条目仍保留在密钥上。",
    }
    FieldApprovalNotes { en: "Approval notes", ja: "承認メモ", zh: "批准备注" }
    KeyCreateFailed { en: "The registry did not create the key.", ja: "レジストリはキーを作成しませんでした。", zh: "仓库未能创建密钥。" }
    KeyCreatedToast { en: "Key for {name} created and approved.", ja: "{name} のキーを作成し、承認しました。", zh: "已为 {name} 创建并批准密钥。" }
    PrivateKeyIntro {
        en: "This is the key's private half. Give it to the service now: it is shown only this once.",
        ja: "これはキーの秘密鍵です。今すぐサービスに渡してください。表示されるのはこの 1 回だけです。",
        zh: "这是该密钥的私钥部分，请立即交给对应服务：它只显示这一次。",
    }
    FieldPrivateKey { en: "Private key (PEM)", ja: "秘密鍵（PEM）", zh: "私钥（PEM）" }
    DownloadKey { en: "Download .pem", ja: ".pem をダウンロード", zh: "下载 .pem" }
    DownloadFailed { en: "The download could not be started.", ja: "ダウンロードを開始できませんでした。", zh: "无法开始下载。" }
    PrivateKeyWarning {
        en: "Neither Quay nor this dashboard keeps the private key. Once this dialog is closed it cannot be shown again.",
        ja: "Quay もこのダッシュボードも秘密鍵を保存しません。このダイアログを閉じると二度と表示できません。",
        zh: "Quay 和本控制台都不会保存私钥。关闭此对话框后将无法再次显示。",
    }
    ManageKeyTitle { en: "Service key {name}", ja: "サービスキー {name}", zh: "服务密钥 {name}" }
    ApproveKeyTitle { en: "Approve this key", ja: "このキーを承認", zh: "批准此密钥" }
    ApproveKeyBody {
        en: "A service registered this key itself. Until a superuser approves it, Quay does not trust what it signs.",
        ja: "このキーはサービス自身が登録しました。スーパーユーザーが承認するまで、Quay はこのキーの署名を信頼しません。",
        zh: "此密钥由服务自行注册。在超级用户批准之前，Quay 不信任它的签名。",
    }
    ApproveKey { en: "Approve", ja: "承認", zh: "批准" }
    KeyApproveFailed { en: "The registry did not approve the key.", ja: "レジストリはキーを承認しませんでした。", zh: "仓库未能批准该密钥。" }
    KeyApprovedToast { en: "Key approved.", ja: "キーを承認しました。", zh: "密钥已批准。" }
    KeySaveFailed { en: "The registry did not save the key.", ja: "レジストリはキーを保存しませんでした。", zh: "仓库未能保存该密钥。" }
    KeySavedToast { en: "Key saved.", ja: "キーを保存しました。", zh: "密钥已保存。" }
    SaveChanges { en: "Save changes", ja: "変更を保存", zh: "保存更改" }
    DeleteKeyTitle { en: "Delete service key {name}", ja: "サービスキー {name} を削除", zh: "删除服务密钥 {name}" }
    DeleteKeyBody {
        en: "Services signing with this key will be refused by the registry at once. This cannot be undone.",
        ja: "このキーで署名しているサービスは直ちにレジストリに拒否されます。元に戻せません。",
        zh: "使用此密钥签名的服务将立即被仓库拒绝。此操作无法撤销。",
    }
    DeleteKeyConfirm { en: "Delete key", ja: "キーを削除", zh: "删除密钥" }
    KeyDeletedToast { en: "Service key {name} deleted.", ja: "サービスキー {name} を削除しました。", zh: "已删除服务密钥 {name}。" }
    ErrServicePattern { en: "Use lowercase letters, digits and _ only.", ja: "小文字・数字・_ のみ使えます。", zh: "只能使用小写字母、数字和 _。" }
    ErrKeyNamePattern {
        en: "Use letters, digits, spaces and - _ : / only.",
        ja: "英数字・空白・- _ : / のみ使えます。",
        zh: "只能使用字母、数字、空格及 - _ : /。",
    }
    ErrExpirationPast { en: "The expiry must be in the future.", ja: "有効期限は未来の日付にしてください。", zh: "到期时间必须在将来。" }
    FieldBuildId { en: "Build id", ja: "ビルド ID", zh: "构建 ID" }
    LookUpBuild { en: "Look up", ja: "検索", zh: "查找" }
    BuildPhase { en: "Phase", ja: "フェーズ", zh: "阶段" }
    PhaseComplete { en: "Complete", ja: "完了", zh: "已完成" }
    PhaseFailed { en: "Failed", ja: "失敗", zh: "失败" }
    PhaseCancelled { en: "Cancelled", ja: "キャンセル", zh: "已取消" }
    PhaseWaiting { en: "Waiting", ja: "待機中", zh: "等待中" }
    PhaseRunning { en: "Running", ja: "実行中", zh: "运行中" }
    BuildFollowing { en: "following new lines…", ja: "新しい行を追跡中…", zh: "正在跟踪新输出…" }
    BuildRepository { en: "Repository", ja: "リポジトリ", zh: "仓库" }
    BuildName { en: "Name", ja: "名前", zh: "名称" }
    BuildTrigger { en: "Started by", ja: "起動元", zh: "触发方式" }
    ManualBuildBy { en: "manually by {name}", ja: "{name} が手動で開始", zh: "由 {name} 手动启动" }
    BuildTags { en: "Tags", ja: "タグ", zh: "标签" }
    BuildStarted { en: "Started", ja: "開始", zh: "开始时间" }
    BuildLog { en: "Log", ja: "ログ", zh: "日志" }
    BuildLogLines { en: "{count} lines", ja: "{count} 行", zh: "{count} 行" }
    BuildLoadFailed { en: "The build could not be loaded.", ja: "ビルドを読み込めませんでした。", zh: "无法加载构建。" }
    BuildLogFailed { en: "The build log could not be read.", ja: "ビルドログを読み込めませんでした。", zh: "无法读取构建日志。" }
    BuildLogArchived {
        en: "This log was archived; Quay serves it as a file from its storage.",
        ja: "このログはアーカイブされています。Quay はストレージのファイルとして提供します。",
        zh: "此日志已归档；Quay 以存储中的文件形式提供。",
    }
    DownloadLog { en: "Download", ja: "ダウンロード", zh: "下载" }
    QuotaAction { en: "Quota", ja: "クォータ", zh: "配额" }
    QuotaEditTitle { en: "Storage quota of {name}", ja: "{name} のストレージクォータ", zh: "{name} 的存储配额" }
    QuotaUsedNow { en: "Uses {used} now.", ja: "現在の使用量: {used}", zh: "当前已用 {used}。" }
    QuotaLimitLabel { en: "Storage limit", ja: "ストレージ上限", zh: "存储上限" }
    QuotaLimitHint {
        en: "A number and a unit, e.g. 500 GiB or 1.5 TiB: B, KiB, MiB, GiB, TiB, PiB, EiB (KB … EB are powers of 1000), below 8 EiB.",
        ja: "数値と単位で入力します。例: 500 GiB、1.5 TiB。単位は B、KiB、MiB、GiB、TiB、PiB、EiB（KB … EB は 1000 の累乗）、8 EiB 未満。",
        zh: "输入数字和单位，例如 500 GiB 或 1.5 TiB：B、KiB、MiB、GiB、TiB、PiB、EiB（KB … EB 按 1000 的幂计算），小于 8 EiB。",
    }
    QuotaPreviewBytes { en: "{bytes} bytes", ja: "{bytes} バイト", zh: "{bytes} 字节" }
    QuotaPreviewUse { en: "{percent} % of it in use now", ja: "現在その {percent} % を使用", zh: "当前已使用其中 {percent}%" }
    QuotaSave { en: "Save limit", ja: "上限を保存", zh: "保存上限" }
    QuotaRemove { en: "Remove quota", ja: "クォータを削除", zh: "删除配额" }
    QuotaRemoveQuestion {
        en: "Remove the quota of {name}? Its storage will no longer be limited.",
        ja: "{name} のクォータを削除しますか？ストレージは無制限になります。",
        zh: "删除 {name} 的配额？其存储将不再受限。",
    }
    QuotaSetToast { en: "Quota of {name} set to {limit}.", ja: "{name} のクォータを {limit} に設定しました。", zh: "已将 {name} 的配额设为 {limit}。" }
    QuotaRemovedToast { en: "Quota of {name} removed.", ja: "{name} のクォータを削除しました。", zh: "已删除 {name} 的配额。" }
    ErrLimitNumber {
        en: "Enter a number, then a unit (e.g. 1.5 TiB).",
        ja: "数値と単位を入力してください（例: 1.5 TiB）。",
        zh: "请输入数字和单位（例如 1.5 TiB）。",
    }
    ErrLimitUnit {
        en: "Unknown unit: use B, KiB, MiB, GiB, TiB, PiB, EiB (or KB … EB).",
        ja: "不明な単位です。B、KiB、MiB、GiB、TiB、PiB、EiB（または KB … EB）を使ってください。",
        zh: "未知单位：请使用 B、KiB、MiB、GiB、TiB、PiB、EiB（或 KB … EB）。",
    }
    ErrLimitPositive { en: "The limit must be at least 1 byte.", ja: "上限は 1 バイト以上にしてください。", zh: "上限至少为 1 字节。" }
    ErrLimitTooLarge { en: "The limit must be below 8 EiB.", ja: "上限は 8 EiB 未満にしてください。", zh: "上限必须小于 8 EiB。" }
    ColUsername { en: "Username", ja: "ユーザー名", zh: "用户名" }
    ColEmail { en: "E-mail", ja: "メール", zh: "电子邮箱" }
    ColStatus { en: "Status", ja: "状態", zh: "状态" }
    ColRole { en: "Role", ja: "ロール", zh: "角色" }
    ColQuota { en: "Storage used / quota", ja: "使用量 / クォータ", zh: "已用存储 / 配额" }
    ColActions { en: "Actions", ja: "操作", zh: "操作" }
    StatusEnabled { en: "Enabled", ja: "有効", zh: "已启用" }
    StatusDisabled { en: "Disabled", ja: "無効", zh: "已禁用" }
    NoEmail { en: "no e-mail", ja: "メールなし", zh: "无邮箱" }

    // Users page.
    NounUsers { en: "users", ja: "ユーザー", zh: "用户" }
    UsersCaption {
        en: "Users of this registry, page {page}",
        ja: "このレジストリのユーザー（{page} ページ目）",
        zh: "本仓库的用户（第 {page} 页）",
    }
    FilterUsers { en: "Filter by name or e-mail", ja: "名前またはメールで絞り込み", zh: "按名称或邮箱筛选" }
    ShowDisabledUsers { en: "Show disabled users", ja: "無効なユーザーを表示", zh: "显示已禁用的用户" }
    NoUsersMatch { en: "No user matches this filter.", ja: "この条件に一致するユーザーはいません。", zh: "没有与此筛选条件匹配的用户。" }
    NoUsersYet { en: "No users yet.", ja: "ユーザーはまだいません。", zh: "还没有用户。" }
    CreateUser { en: "Create user", ja: "ユーザーを作成", zh: "创建用户" }
    HintEmailOptional {
        en: "Optional unless the registry sends mail.",
        ja: "レジストリがメールを送信する設定でなければ省略できます。",
        zh: "除非仓库启用了邮件发送，否则可不填。",
    }
    UserCreateFailed { en: "The registry did not create the user.", ja: "レジストリはユーザーを作成しませんでした。", zh: "仓库未能创建该用户。" }
    UserCreatedToast { en: "User {name} created.", ja: "ユーザー {name} を作成しました。", zh: "已创建用户 {name}。" }
    FieldTemporaryPassword { en: "Temporary password", ja: "仮パスワード", zh: "临时密码" }
    PasswordOnceIntro {
        en: "{name} can sign in with this password:",
        ja: "{name} はこのパスワードでサインインできます:",
        zh: "{name} 可以使用此密码登录：",
    }
    PasswordOnceWarning {
        en: "It is shown only now and cannot be shown again. Copy it and hand it over safely; ask the user to change it.",
        ja: "このパスワードは今だけ表示され、再表示できません。コピーして安全に渡し、変更するよう依頼してください。",
        zh: "此密码仅显示这一次，之后无法再次查看。请复制并安全地交给用户，并请其修改密码。",
    }
    ManageUserTitle { en: "Manage {name}", ja: "{name} の管理", zh: "管理 {name}" }
    SuperuserProtected {
        en: "Quay does not allow changing, deleting or taking over a superuser.",
        ja: "Quay ではスーパーユーザーの変更・削除・所有権の取得はできません。",
        zh: "Quay 不允许修改、删除或接管超级用户。",
    }
    EnableUser { en: "Enable", ja: "有効にする", zh: "启用" }
    DisableUser { en: "Disable", ja: "無効にする", zh: "禁用" }
    UserEnabledToast { en: "{name} enabled.", ja: "{name} を有効にしました。", zh: "已启用 {name}。" }
    UserDisabledToast { en: "{name} disabled.", ja: "{name} を無効にしました。", zh: "已禁用 {name}。" }
    UserChangeFailed { en: "The registry did not save the change.", ja: "レジストリは変更を保存しませんでした。", zh: "仓库未能保存更改。" }
    SaveEmail { en: "Save e-mail", ja: "メールを保存", zh: "保存邮箱" }
    EmailChangedToast { en: "E-mail of {name} changed.", ja: "{name} のメールを変更しました。", zh: "已更改 {name} 的邮箱。" }
    FieldNewPassword { en: "New password", ja: "新しいパスワード", zh: "新密码" }
    SavePassword { en: "Set password", ja: "パスワードを設定", zh: "设置密码" }
    PasswordChangedToast { en: "Password of {name} changed.", ja: "{name} のパスワードを変更しました。", zh: "已更改 {name} 的密码。" }
    RecoveryBody {
        en: "Send a password recovery e-mail to the user's address.",
        ja: "ユーザーのアドレスにパスワード回復メールを送信します。",
        zh: "向用户的邮箱发送密码找回邮件。",
    }
    SendRecovery { en: "Send recovery e-mail", ja: "回復メールを送信", zh: "发送找回邮件" }
    RecoverySentToast { en: "Recovery e-mail sent to {name}.", ja: "{name} に回復メールを送信しました。", zh: "已向 {name} 发送找回邮件。" }
    RecoveryFailed { en: "The registry did not send the e-mail.", ja: "レジストリはメールを送信しませんでした。", zh: "仓库未能发送邮件。" }
    TakeOwnership { en: "Take ownership…", ja: "所有権を取得…", zh: "接管…" }
    TakeOwnershipUserBody {
        en: "Taking ownership converts {name} into an organization that you administer; the account can no longer sign in.",
        ja: "所有権を取得すると、{name} はあなたが管理する組織に変換され、このアカウントではサインインできなくなります。",
        zh: "接管后，{name} 将被转换为由您管理的组织，该账号将无法再登录。",
    }
    ConvertAndTakeOwnership {
        en: "Convert {name} and take ownership",
        ja: "{name} を変換して所有権を取得",
        zh: "转换 {name} 并接管",
    }
    OwnershipTakenUserToast {
        en: "{name} is now an organization that you administer.",
        ja: "{name} はあなたが管理する組織になりました。",
        zh: "{name} 现已成为由您管理的组织。",
    }
    OwnershipFailed { en: "The registry did not transfer ownership.", ja: "レジストリは所有権を移しませんでした。", zh: "仓库未能转移所有权。" }
    DeleteUserTitle { en: "Delete user {name}?", ja: "ユーザー {name} を削除しますか?", zh: "删除用户 {name}？" }
    DeleteUserBody {
        en: "The account, its repositories and its access tokens are removed. Its name stays reserved and cannot be used again.",
        ja: "アカウントとそのリポジトリ、アクセストークンが削除されます。名前は予約されたままとなり、再利用できません。",
        zh: "该账号及其仓库和访问令牌将被删除。其名称仍被保留，不能再次使用。",
    }
    DeleteUserConfirm { en: "Delete", ja: "削除する", zh: "确认删除" }
    UserDeletedToast { en: "User {name} deleted.", ja: "ユーザー {name} を削除しました。", zh: "已删除用户 {name}。" }
    UserKeptDisabled {
        en: "The registry answered success but kept {name}: Quay does not delete disabled users. Enable it first, then delete it.",
        ja: "レジストリは成功と応答しましたが、{name} は残っています。Quay は無効なユーザーを削除しません。先に有効にしてから削除してください。",
        zh: "仓库返回成功，但保留了 {name}：Quay 不会删除已禁用的用户。请先启用，再删除。",
    }
    UserKeptDisabledShort {
        en: "Kept: Quay does not delete disabled users.",
        ja: "削除されません: Quay は無効なユーザーを削除しません。",
        zh: "未删除：Quay 不会删除已禁用的用户。",
    }
    BulkEnableTitle { en: "Enable {count} users?", ja: "{count} 人のユーザーを有効にしますか?", zh: "启用 {count} 个用户？" }
    BulkDisableTitle { en: "Disable {count} users?", ja: "{count} 人のユーザーを無効にしますか?", zh: "禁用 {count} 个用户？" }
    BulkDeleteTitle { en: "Delete {count} users?", ja: "{count} 人のユーザーを削除しますか?", zh: "删除 {count} 个用户？" }
    // Organizations page.
    NounOrganizations { en: "organizations", ja: "組織", zh: "组织" }
    OrganizationsCaption {
        en: "Organizations of this registry, page {page}",
        ja: "このレジストリの組織（{page} ページ目）",
        zh: "本仓库的组织（第 {page} 页）",
    }
    FilterOrganizations { en: "Filter by name or e-mail", ja: "名前またはメールで絞り込み", zh: "按名称或邮箱筛选" }
    NoOrganizationsMatch { en: "No organization matches this filter.", ja: "この条件に一致する組織はありません。", zh: "没有与此筛选条件匹配的组织。" }
    NoOrganizationsYet {
        en: "No organizations yet. Users create them from Quay; a user can also be converted into one with “Take ownership”.",
        ja: "組織はまだありません。組織はユーザーが Quay で作成します。「所有権を取得」でユーザーを組織に変換することもできます。",
        zh: "还没有组织。组织由用户在 Quay 中创建；也可以通过“接管”将用户转换为组织。",
    }
    ColName { en: "Name", ja: "名前", zh: "名称" }
    EditOrganizationTitle { en: "Manage organization {name}", ja: "組織 {name} の管理", zh: "管理组织 {name}" }
    FieldOrganizationName { en: "Name", ja: "名前", zh: "名称" }
    Rename { en: "Rename", ja: "名前を変更", zh: "重命名" }
    OrganizationRenamedToast { en: "{old} renamed to {new}.", ja: "{old} を {new} に名前変更しました。", zh: "已将 {old} 重命名为 {new}。" }
    OrganizationChangeFailed { en: "The registry did not save the change.", ja: "レジストリは変更を保存しませんでした。", zh: "仓库未能保存更改。" }
    OrganizationSettings { en: "Settings", ja: "設定", zh: "设置" }
    NamespaceNameTaken {
        en: "A user or organization named {name} already exists. Choose another name.",
        ja: "{name} という名前のユーザーまたは組織は既に存在します。別の名前を選んでください。",
        zh: "名为 {name} 的用户或组织已存在。请另选名称。",
    }
    RenameCrashExplained {
        en: "Quay fails this way when the new name is already held, for example by a deleted user or organization whose name stays reserved. Nothing was renamed, although the usage logs may show the rename.",
        ja: "新しい名前が既に使われている場合（削除済みで名前が予約されたままのユーザーや組織など）、Quay はこのように失敗します。名前は変更されていませんが、使用ログには名前の変更が記録されていることがあります。",
        zh: "当新名称已被占用（例如已删除但名称仍被保留的用户或组织）时，Quay 会这样失败。名称并未更改，但使用日志中可能会显示此次重命名。",
    }
    NotOrganizationAdmin {
        en: "Only administrators of {name} can change its e-mail, invoicing and tag expiration. Take ownership to become one.",
        ja: "{name} のメール、請求、タグの有効期限を変更できるのは管理者だけです。所有権を取得すると管理者になります。",
        zh: "只有 {name} 的管理员才能更改其邮箱、账单和标签过期设置。接管后即可成为管理员。",
    }
    TakeOwnershipOrganization { en: "Take ownership", ja: "所有権を取得", zh: "接管" }
    OwnershipTakenOrgToast { en: "You are now an administrator of {name}.", ja: "{name} の管理者になりました。", zh: "您现在是 {name} 的管理员。" }
    FieldContactEmail { en: "Contact e-mail", ja: "連絡先メール", zh: "联系邮箱" }
    FieldInvoiceEmail { en: "Send invoices by e-mail", ja: "請求書をメールで送る", zh: "通过邮件发送账单" }
    FieldInvoiceAddress { en: "Invoice e-mail address", ja: "請求書の送付先メール", zh: "账单邮箱地址" }
    FieldTagExpiration { en: "Tag expiration", ja: "タグの有効期限", zh: "标签过期时间" }
    HintTagExpiration {
        en: "How long a deleted or replaced tag can still be restored (time machine).",
        ja: "削除・置換されたタグを復元できる期間（タイムマシン）。",
        zh: "被删除或替换的标签仍可恢复的时长（时间机器）。",
    }
    UnitWeeks { en: "weeks", ja: "週間", zh: "周" }
    UnitDays { en: "days", ja: "日", zh: "天" }
    UnitHours { en: "hours", ja: "時間", zh: "小时" }
    UnitMinutes { en: "minutes", ja: "分", zh: "分钟" }
    UnitSeconds { en: "seconds", ja: "秒", zh: "秒" }
    SaveSettings { en: "Save settings", ja: "設定を保存", zh: "保存设置" }
    NothingChanged { en: "Nothing changed.", ja: "変更はありません。", zh: "没有更改。" }
    OrganizationSavedToast { en: "Settings of {name} saved.", ja: "{name} の設定を保存しました。", zh: "已保存 {name} 的设置。" }
    DeleteOrganizationTitle { en: "Delete organization {name}?", ja: "組織 {name} を削除しますか?", zh: "删除组织 {name}？" }
    DeleteOrganizationBody {
        en: "The organization, its teams and repositories are removed. Its name stays reserved.",
        ja: "組織とそのチーム、リポジトリが削除されます。名前は予約されたままになります。",
        zh: "该组织及其团队和仓库将被删除。其名称仍被保留。",
    }
    OrganizationDeletedToast { en: "Organization {name} deleted.", ja: "組織 {name} を削除しました。", zh: "已删除组织 {name}。" }

    // Usage logs page.
    LogsIntro {
        en: "What was done on the registry, newest first. Quay counts days in UTC.",
        ja: "レジストリで行われた操作 (新しい順)。Quay は日付を UTC で数えます。",
        zh: "仓库上执行过的操作，最新的在前。Quay 按 UTC 计算日期。",
    }
    TimeRange { en: "Time range", ja: "期間", zh: "时间范围" }
    RangeLast24h { en: "Last 24 hours", ja: "過去 24 時間", zh: "最近 24 小时" }
    RangeLast7d { en: "Last 7 days", ja: "過去 7 日間", zh: "最近 7 天" }
    RangeLast30d { en: "Last 30 days", ja: "過去 30 日間", zh: "最近 30 天" }
    RangeCustom { en: "Custom", ja: "カスタム", zh: "自定义" }
    RangeFrom { en: "From (UTC)", ja: "開始日 (UTC)", zh: "开始日期 (UTC)" }
    RangeTo { en: "To (UTC)", ja: "終了日 (UTC)", zh: "结束日期 (UTC)" }
    ShowRange { en: "Show", ja: "表示", zh: "显示" }
    ChartTitle { en: "Entries per day", ja: "日ごとの件数", zh: "每日条目数" }
    ChartCaption {
        en: "Log entries per day and kind, {from} to {to} (UTC)",
        ja: "{from} から {to} までの日別・種類別のログ件数 (UTC)",
        zh: "{from} 至 {to} 每日各类日志条目数 (UTC)",
    }
    ChartDayLabel { en: "{day}: {count} entries. Show only this day.", ja: "{day}: {count} 件。この日だけを表示します。", zh: "{day}：{count} 条。仅显示这一天。" }
    ChartShowTable { en: "Show the counts as a table", ja: "件数を表で表示", zh: "以表格显示数量" }
    ChartNoEntries { en: "No entries in this range.", ja: "この期間のエントリはありません。", zh: "此时间范围内没有条目。" }
    ChartOtherKinds { en: "Other kinds", ja: "その他の種類", zh: "其他类型" }
    ChartLoadFailed { en: "The daily counts could not be loaded.", ja: "日ごとの件数を読み込めませんでした。", zh: "无法加载每日数量。" }
    ColDay { en: "Day", ja: "日付", zh: "日期" }
    ColTotal { en: "Total", ja: "合計", zh: "合计" }
    LogsCaption { en: "Usage log entries, page {page}", ja: "利用ログのエントリ (ページ {page})", zh: "使用日志条目，第 {page} 页" }
    ColAction { en: "Action", ja: "操作", zh: "操作" }
    ColPerformer { en: "Performed by", ja: "実行者", zh: "执行者" }
    ColNamespace { en: "Namespace", ja: "名前空間", zh: "命名空间" }
    ColIp { en: "IP address", ja: "IP アドレス", zh: "IP 地址" }
    LogDetails { en: "Details", ja: "詳細", zh: "详情" }
    NoLogsMatch { en: "No loaded entry matches.", ja: "一致する読み込み済みのエントリはありません。", zh: "没有匹配的已加载条目。" }
    NoLogsYet { en: "No entries in this range.", ja: "この期間のエントリはありません。", zh: "此时间范围内没有条目。" }
    NounEntries { en: "entries", ja: "エントリ", zh: "条目" }
    FilterLogs { en: "Search entries", ja: "エントリを検索", zh: "搜索条目" }
    AllKinds { en: "All kinds", ja: "すべての種類", zh: "所有类型" }
    FilterPerformer { en: "Performed by", ja: "実行者", zh: "执行者" }
    FilterNamespace { en: "Namespace", ja: "名前空間", zh: "命名空间" }
    ExportRange { en: "Export range as CSV", ja: "期間を CSV でエクスポート", zh: "将时间范围导出为 CSV" }
    ExportingCount { en: "Exporting… {count} entries", ja: "エクスポート中… {count} 件", zh: "正在导出… {count} 条" }
    ExportedEntries { en: "Exported {count} entries.", ja: "{count} 件をエクスポートしました。", zh: "已导出 {count} 条。" }
    ExportStopped { en: "The export stopped.", ja: "エクスポートが中断されました。", zh: "导出已中断。" }
    LogSomeone { en: "Someone", ja: "不明なユーザー", zh: "某人" }
    LogUserCreate { en: "{performer} created user {username}", ja: "{performer} がユーザー {username} を作成しました", zh: "{performer} 创建了用户 {username}" }
    LogUserDelete { en: "{performer} deleted user {username}", ja: "{performer} がユーザー {username} を削除しました", zh: "{performer} 删除了用户 {username}" }
    LogUserDisable { en: "{performer} disabled user {username}", ja: "{performer} がユーザー {username} を無効にしました", zh: "{performer} 禁用了用户 {username}" }
    LogUserEnable { en: "{performer} enabled user {username}", ja: "{performer} がユーザー {username} を有効にしました", zh: "{performer} 启用了用户 {username}" }
    LogUserChangeEmail { en: "{performer} changed the e-mail of {account} to {email}", ja: "{performer} が {account} のメールアドレスを {email} に変更しました", zh: "{performer} 将 {account} 的电子邮件改为 {email}" }
    LogUserChangePassword { en: "{performer} changed the password of {username}", ja: "{performer} が {username} のパスワードを変更しました", zh: "{performer} 更改了 {username} 的密码" }
    LogOrgCreate { en: "{performer} created organization {namespace}", ja: "{performer} が組織 {namespace} を作成しました", zh: "{performer} 创建了组织 {namespace}" }
    LogOrgDelete { en: "{performer} deleted organization {namespace}", ja: "{performer} が組織 {namespace} を削除しました", zh: "{performer} 删除了组织 {namespace}" }
    LogOrgChangeName { en: "{performer} renamed {old_name} to {new_name}", ja: "{performer} が {old_name} の名前を {new_name} に変更しました", zh: "{performer} 将 {old_name} 重命名为 {new_name}" }
    LogKeyCreate { en: "{performer} created service key {kid} for {service}", ja: "{performer} が {service} のサービスキー {kid} を作成しました", zh: "{performer} 为 {service} 创建了服务密钥 {kid}" }
    LogKeyApprove { en: "{performer} approved service key {kid} for {service}", ja: "{performer} が {service} のサービスキー {kid} を承認しました", zh: "{performer} 批准了 {service} 的服务密钥 {kid}" }
    LogKeyModify { en: "{performer} changed service key {kid}", ja: "{performer} がサービスキー {kid} を変更しました", zh: "{performer} 修改了服务密钥 {kid}" }
    LogKeyExtend { en: "{performer} changed the expiration of service key {kid}", ja: "{performer} がサービスキー {kid} の有効期限を変更しました", zh: "{performer} 更改了服务密钥 {kid} 的有效期" }
    LogKeyDelete { en: "{performer} deleted service key {kid}", ja: "{performer} がサービスキー {kid} を削除しました", zh: "{performer} 删除了服务密钥 {kid}" }
    LogKeyRotate { en: "{performer} rotated service key {signer_kid} to {kid}", ja: "{performer} がサービスキー {signer_kid} を {kid} にローテーションしました", zh: "{performer} 将服务密钥 {signer_kid} 轮换为 {kid}" }
    LogTakeOwnership { en: "{performer} took ownership of {namespace}", ja: "{performer} が {namespace} の所有権を取得しました", zh: "{performer} 接管了 {namespace}" }
    LogCreateApplication { en: "{performer} created application {application_name} in {account}", ja: "{performer} が {account} にアプリケーション {application_name} を作成しました", zh: "{performer} 在 {account} 中创建了应用 {application_name}" }
    LogLoginSuccess { en: "{account} signed in", ja: "{account} がサインインしました", zh: "{account} 已登录" }
    LogLoginFailure { en: "Failed sign-in as {username}", ja: "{username} としてのサインインに失敗しました", zh: "以 {username} 登录失败" }
    LogLogout { en: "{account} signed out", ja: "{account} がサインアウトしました", zh: "{account} 已退出登录" }
    LogCreateAppToken { en: "{account} created app-specific token {app_specific_token_title}", ja: "{account} がアプリ専用トークン {app_specific_token_title} を作成しました", zh: "{account} 创建了应用专用令牌 {app_specific_token_title}" }
    LogCreateRepo { en: "{performer} created repository {repository}", ja: "{performer} がリポジトリ {repository} を作成しました", zh: "{performer} 创建了仓库 {repository}" }
    LogDeleteRepo { en: "{performer} deleted repository {repository}", ja: "{performer} がリポジトリ {repository} を削除しました", zh: "{performer} 删除了仓库 {repository}" }
    LogPushRepo { en: "{performer} pushed to {repository}", ja: "{performer} が {repository} にプッシュしました", zh: "{performer} 推送到 {repository}" }
    LogPullRepo { en: "{performer} pulled from {repository}", ja: "{performer} が {repository} からプルしました", zh: "{performer} 从 {repository} 拉取" }
    LogCreateTag { en: "{performer} created tag {tag} in {repository}", ja: "{performer} が {repository} にタグ {tag} を作成しました", zh: "{performer} 在 {repository} 中创建了标签 {tag}" }
    LogMoveTag { en: "{performer} moved tag {tag} in {repository}", ja: "{performer} が {repository} のタグ {tag} を移動しました", zh: "{performer} 移动了 {repository} 中的标签 {tag}" }
    LogDeleteTag { en: "{performer} deleted tag {tag} in {repository}", ja: "{performer} が {repository} のタグ {tag} を削除しました", zh: "{performer} 删除了 {repository} 中的标签 {tag}" }
    LogTagExpiration { en: "{performer} changed the expiration of tag {tag} in {repository}", ja: "{performer} が {repository} のタグ {tag} の有効期限を変更しました", zh: "{performer} 更改了 {repository} 中标签 {tag} 的有效期" }
    LogRepoDescription { en: "{performer} changed the description of {repository}", ja: "{performer} が {repository} の説明を変更しました", zh: "{performer} 更改了 {repository} 的描述" }
    LogRepoVisibility { en: "{performer} made {repository} {visibility}", ja: "{performer} が {repository} を {visibility} にしました", zh: "{performer} 将 {repository} 设为 {visibility}" }
    LogRepoPermission { en: "{performer} gave {grantee} {role} access to {repository}", ja: "{performer} が {grantee} に {repository} への {role} 権限を付与しました", zh: "{performer} 授予 {grantee} 对 {repository} 的 {role} 权限" }
    LogTeamAdd { en: "{performer} added {member} to team {team}", ja: "{performer} が {member} をチーム {team} に追加しました", zh: "{performer} 将 {member} 添加到团队 {team}" }
    LogTeamRemove { en: "{performer} removed {member} from team {team}", ja: "{performer} が {member} をチーム {team} から削除しました", zh: "{performer} 将 {member} 从团队 {team} 中移除" }
    LogCreateRobot { en: "{performer} created robot account {robot}", ja: "{performer} がロボットアカウント {robot} を作成しました", zh: "{performer} 创建了机器人账户 {robot}" }
    LogUserChangeName { en: "{performer} renamed user {old_username} to {account}", ja: "{performer} がユーザー {old_username} の名前を {account} に変更しました", zh: "{performer} 将用户 {old_username} 重命名为 {account}" }
    LogUserChangeInvoicing { en: "{performer} changed the invoice e-mail settings of {account}", ja: "{performer} が {account} の請求書メールの設定を変更しました", zh: "{performer} 更改了 {account} 的账单邮件设置" }
    LogUserTagExpiration { en: "{performer} set the time machine window of {account} to {tag_expiration} seconds", ja: "{performer} が {account} のタイムマシン期間を {tag_expiration} 秒に設定しました", zh: "{performer} 将 {account} 的时间机器窗口设为 {tag_expiration} 秒" }
    LogUserChangeMetadata { en: "{performer} changed the profile details of {account}", ja: "{performer} が {account} のプロフィール情報を変更しました", zh: "{performer} 更改了 {account} 的个人资料" }
    LogUserClientKey { en: "{performer} generated an encrypted Docker CLI password for {account}", ja: "{performer} が {account} の暗号化された Docker CLI パスワードを生成しました", zh: "{performer} 为 {account} 生成了加密的 Docker CLI 密码" }
    LogAccountChangePlan { en: "{performer} changed the plan of {account} to {plan}", ja: "{performer} が {account} のプランを {plan} に変更しました", zh: "{performer} 将 {account} 的订阅方案改为 {plan}" }
    LogAccountChangeCard { en: "{performer} updated the credit card of {account}", ja: "{performer} が {account} のクレジットカードを更新しました", zh: "{performer} 更新了 {account} 的信用卡" }
    LogAccountChangePassword { en: "{performer} changed the password of {account}", ja: "{performer} が {account} のパスワードを変更しました", zh: "{performer} 更改了 {account} 的密码" }
    LogAccountConvert { en: "{performer} converted {account} into an organization", ja: "{performer} が {account} を組織に変換しました", zh: "{performer} 将 {account} 转换为组织" }
    LogDeleteRobot { en: "{performer} deleted robot account {robot}", ja: "{performer} がロボットアカウント {robot} を削除しました", zh: "{performer} 删除了机器人账户 {robot}" }
    LogCreateRobotFederation { en: "{performer} set up federation for robot account {robot}", ja: "{performer} がロボットアカウント {robot} のフェデレーションを設定しました", zh: "{performer} 为机器人账户 {robot} 设置了联合身份" }
    LogDeleteRobotFederation { en: "{performer} removed the federation of robot account {robot}", ja: "{performer} がロボットアカウント {robot} のフェデレーションを削除しました", zh: "{performer} 删除了机器人账户 {robot} 的联合身份" }
    LogRobotTokenExchange { en: "Robot account {robot} exchanged a token from {issuer} (subject {subject})", ja: "ロボットアカウント {robot} が {issuer} のトークンを交換しました (サブジェクト {subject})", zh: "机器人账户 {robot} 交换了来自 {issuer} 的令牌（主体 {subject}）" }
    LogRegenerateRobotToken { en: "{performer} regenerated the token of robot account {robot}", ja: "{performer} がロボットアカウント {robot} のトークンを再生成しました", zh: "{performer} 重新生成了机器人账户 {robot} 的令牌" }
    LogPushRepoFailed { en: "{performer} failed to push to {repository}", ja: "{performer} による {repository} へのプッシュが失敗しました", zh: "{performer} 推送到 {repository} 失败" }
    LogPullRepoFailed { en: "{performer} failed to pull from {repository}", ja: "{performer} による {repository} からのプルが失敗しました", zh: "{performer} 从 {repository} 拉取失败" }
    LogDeleteTagFailed { en: "{performer} failed to delete a tag in {repository}", ja: "{performer} による {repository} のタグの削除が失敗しました", zh: "{performer} 删除 {repository} 中的标签失败" }
    LogRevertTag { en: "{performer} restored tag {tag} in {repository} to {manifest_digest}", ja: "{performer} が {repository} のタグ {tag} を {manifest_digest} に戻しました", zh: "{performer} 将 {repository} 中的标签 {tag} 恢复为 {manifest_digest}" }
    LogPermanentlyDeleteTag { en: "{performer} permanently deleted tag {tag} in {repository}", ja: "{performer} が {repository} のタグ {tag} を完全に削除しました", zh: "{performer} 永久删除了 {repository} 中的标签 {tag}" }
    LogAutopruneTagDelete { en: "Auto-pruning deleted tag {tag} in {repository}", ja: "自動プルーニングにより {repository} のタグ {tag} が削除されました", zh: "自动清理删除了 {repository} 中的标签 {tag}" }
    LogTagImmutability { en: "{performer} set the immutability of tag {tag} in {repository} to {immutable}", ja: "{performer} が {repository} のタグ {tag} の不変設定を {immutable} にしました", zh: "{performer} 将 {repository} 中标签 {tag} 的不可变设置改为 {immutable}" }
    LogAddRepoPermission { en: "{performer} added {role} access to {repository} for {grantee}", ja: "{performer} が {grantee} に {repository} への {role} 権限を追加しました", zh: "{performer} 为 {grantee} 添加了对 {repository} 的 {role} 权限" }
    LogDeleteRepoPermission { en: "{performer} removed the access of {grantee} to {repository}", ja: "{performer} が {grantee} の {repository} へのアクセス権を削除しました", zh: "{performer} 移除了 {grantee} 对 {repository} 的访问权限" }
    LogRepoTrust { en: "{performer} set content trust of {repository} to {trust_enabled}", ja: "{performer} が {repository} のコンテンツトラストを {trust_enabled} に設定しました", zh: "{performer} 将 {repository} 的内容信任设为 {trust_enabled}" }
    LogRepoState { en: "{performer} changed the state of {repository} to {state_changed}", ja: "{performer} が {repository} の状態を {state_changed} に変更しました", zh: "{performer} 将 {repository} 的状态改为 {state_changed}" }
    LogAddRepoAccessToken { en: "{performer} created access token {token} in {repository}", ja: "{performer} が {repository} にアクセストークン {token} を作成しました", zh: "{performer} 在 {repository} 中创建了访问令牌 {token}" }
    LogDeleteRepoAccessToken { en: "{performer} deleted access token {token} in {repository}", ja: "{performer} が {repository} のアクセストークン {token} を削除しました", zh: "{performer} 删除了 {repository} 中的访问令牌 {token}" }
    LogBuildDockerfile { en: "Build {build_id} of {repository} was queued", ja: "{repository} のビルド {build_id} がキューに追加されました", zh: "{repository} 的构建 {build_id} 已加入队列" }
    LogSetupRepoTrigger { en: "{performer} set up a {service} build trigger for {repository}", ja: "{performer} が {repository} に {service} のビルドトリガーを設定しました", zh: "{performer} 为 {repository} 设置了 {service} 构建触发器" }
    LogDeleteRepoTrigger { en: "{performer} deleted a {service} build trigger of {repository}", ja: "{performer} が {repository} の {service} ビルドトリガーを削除しました", zh: "{performer} 删除了 {repository} 的 {service} 构建触发器" }
    LogToggleRepoTrigger { en: "{performer} set a {service} build trigger of {repository} to enabled: {enabled}", ja: "{performer} が {repository} の {service} ビルドトリガーの有効設定を {enabled} にしました", zh: "{performer} 将 {repository} 的 {service} 构建触发器的启用状态设为 {enabled}" }
    LogStartBuildTrigger { en: "{performer} manually started build trigger {trigger_uuid}", ja: "{performer} がビルドトリガー {trigger_uuid} を手動で実行しました", zh: "{performer} 手动启动了构建触发器 {trigger_uuid}" }
    LogCancelBuild { en: "{performer} cancelled build {build_uuid}", ja: "{performer} がビルド {build_uuid} をキャンセルしました", zh: "{performer} 取消了构建 {build_uuid}" }
    LogAddRepoWebhook { en: "{performer} added a webhook to {repository}", ja: "{performer} が {repository} に Webhook を追加しました", zh: "{performer} 为 {repository} 添加了 Webhook" }
    LogDeleteRepoWebhook { en: "{performer} deleted a webhook of {repository}", ja: "{performer} が {repository} の Webhook を削除しました", zh: "{performer} 删除了 {repository} 的 Webhook" }
    LogAddRepoNotification { en: "{performer} added a {method} notification on {event} to {repository}", ja: "{performer} が {repository} に {event} の {method} 通知を追加しました", zh: "{performer} 为 {repository} 添加了 {event} 事件的 {method} 通知" }
    LogDeleteRepoNotification { en: "{performer} deleted a {method} notification on {event} from {repository}", ja: "{performer} が {repository} の {event} の {method} 通知を削除しました", zh: "{performer} 删除了 {repository} 中 {event} 事件的 {method} 通知" }
    LogResetRepoNotification { en: "{performer} re-enabled a {method} notification on {event} for {repository}", ja: "{performer} が {repository} の {event} の {method} 通知を再び有効にしました", zh: "{performer} 重新启用了 {repository} 中 {event} 事件的 {method} 通知" }
    LogAddNamespaceNotification { en: "{performer} added a {method} notification on {event} to namespace {namespace}", ja: "{performer} が名前空間 {namespace} に {event} の {method} 通知を追加しました", zh: "{performer} 为命名空间 {namespace} 添加了 {event} 事件的 {method} 通知" }
    LogDeleteNamespaceNotification { en: "{performer} deleted a {method} notification on {event} from namespace {namespace}", ja: "{performer} が名前空間 {namespace} の {event} の {method} 通知を削除しました", zh: "{performer} 删除了命名空间 {namespace} 中 {event} 事件的 {method} 通知" }
    LogResetNamespaceNotification { en: "{performer} re-enabled a {method} notification on {event} for namespace {namespace}", ja: "{performer} が名前空間 {namespace} の {event} の {method} 通知を再び有効にしました", zh: "{performer} 重新启用了命名空间 {namespace} 中 {event} 事件的 {method} 通知" }
    LogRepoVerb { en: "{performer} pulled tag {tag} of {repository} as {verb}", ja: "{performer} が {repository} のタグ {tag} を {verb} 形式でプルしました", zh: "{performer} 以 {verb} 形式拉取了 {repository} 的标签 {tag}" }
    LogManifestLabelAdd { en: "{performer} added label {key} to manifest {manifest_digest} in {repository}", ja: "{performer} が {repository} のマニフェスト {manifest_digest} にラベル {key} を追加しました", zh: "{performer} 为 {repository} 中的清单 {manifest_digest} 添加了标记 {key}" }
    LogManifestLabelDelete { en: "{performer} deleted label {key} from manifest {manifest_digest} in {repository}", ja: "{performer} が {repository} のマニフェスト {manifest_digest} からラベル {key} を削除しました", zh: "{performer} 从 {repository} 中的清单 {manifest_digest} 删除了标记 {key}" }
    LogRepoMirrorEnabled { en: "{performer} enabled mirroring for {repository}", ja: "{performer} が {repository} のミラーリングを有効にしました", zh: "{performer} 启用了 {repository} 的镜像" }
    LogRepoMirrorDisabled { en: "{performer} disabled mirroring for {repository}", ja: "{performer} が {repository} のミラーリングを無効にしました", zh: "{performer} 禁用了 {repository} 的镜像" }
    LogRepoMirrorConfigChanged { en: "{performer} changed the mirroring setting {changed} of {repository} to {to}", ja: "{performer} が {repository} のミラーリング設定 {changed} を {to} に変更しました", zh: "{performer} 将 {repository} 的镜像设置 {changed} 改为 {to}" }
    LogRepoMirrorSyncStarted { en: "Mirroring of {repository} started: {message}", ja: "{repository} のミラーリングが開始されました: {message}", zh: "{repository} 的镜像同步已开始：{message}" }
    LogRepoMirrorSyncFailed { en: "Mirroring of {repository} failed: {message}", ja: "{repository} のミラーリングが失敗しました: {message}", zh: "{repository} 的镜像同步失败：{message}" }
    LogRepoMirrorSyncSuccess { en: "Mirroring of {repository} finished: {message}", ja: "{repository} のミラーリングが完了しました: {message}", zh: "{repository} 的镜像同步已完成：{message}" }
    LogRepoMirrorSyncNow { en: "{performer} requested an immediate mirror sync of {repository}", ja: "{performer} が {repository} の即時ミラー同期を要求しました", zh: "{performer} 请求立即同步 {repository} 的镜像" }
    LogRepoMirrorTagSuccess { en: "Tag {tag} was mirrored into {repository}", ja: "タグ {tag} が {repository} にミラーリングされました", zh: "标签 {tag} 已镜像到 {repository}" }
    LogRepoMirrorTagFailed { en: "Mirroring tag {tag} into {repository} failed", ja: "タグ {tag} の {repository} へのミラーリングが失敗しました", zh: "将标签 {tag} 镜像到 {repository} 失败" }
    LogRepoMirrorTestSuccess { en: "A test of the mirror configuration of {repository} succeeded", ja: "{repository} のミラー設定のテストが成功しました", zh: "{repository} 的镜像配置测试成功" }
    LogRepoMirrorTestFailed { en: "A test of the mirror configuration of {repository} failed", ja: "{repository} のミラー設定のテストが失敗しました", zh: "{repository} 的镜像配置测试失败" }
    LogRepoMirrorTestStarted { en: "A test of the mirror configuration of {repository} started", ja: "{repository} のミラー設定のテストが開始されました", zh: "{repository} 的镜像配置测试已开始" }
    LogOrgMirrorEnabled { en: "{performer} enabled mirroring of {external_namespace} from {external_registry_url} into {namespace}", ja: "{performer} が {external_registry_url} の {external_namespace} から {namespace} へのミラーリングを有効にしました", zh: "{performer} 启用了从 {external_registry_url} 的 {external_namespace} 到 {namespace} 的镜像" }
    LogOrgMirrorDisabled { en: "{performer} disabled mirroring of {external_reference} into {namespace}", ja: "{performer} が {external_reference} から {namespace} へのミラーリングを無効にしました", zh: "{performer} 禁用了从 {external_reference} 到 {namespace} 的镜像" }
    LogOrgMirrorConfigChanged { en: "{performer} changed the mirroring configuration of {namespace} (source {external_reference})", ja: "{performer} が {namespace} のミラーリング設定を変更しました (ソース {external_reference})", zh: "{performer} 更改了 {namespace} 的镜像配置（来源 {external_reference}）" }
    LogOrgMirrorSyncStarted { en: "Organization mirroring of {namespace} started: {message}", ja: "{namespace} の組織ミラーリングが開始されました: {message}", zh: "{namespace} 的组织镜像同步已开始：{message}" }
    LogOrgMirrorSyncFailed { en: "Organization mirroring of {namespace} failed: {message}", ja: "{namespace} の組織ミラーリングが失敗しました: {message}", zh: "{namespace} 的组织镜像同步失败：{message}" }
    LogOrgMirrorSyncSuccess { en: "Organization mirroring of {namespace} finished: {message}", ja: "{namespace} の組織ミラーリングが完了しました: {message}", zh: "{namespace} 的组织镜像同步已完成：{message}" }
    LogOrgMirrorSyncNow { en: "{performer} requested an immediate mirror sync of {namespace} from {external_reference}", ja: "{performer} が {external_reference} から {namespace} への即時ミラー同期を要求しました", zh: "{performer} 请求立即从 {external_reference} 同步镜像到 {namespace}" }
    LogOrgMirrorSyncCancelled { en: "The organization mirror sync of {namespace} was cancelled", ja: "{namespace} の組織ミラー同期がキャンセルされました", zh: "{namespace} 的组织镜像同步已取消" }
    LogOrgMirrorRepoCreated { en: "Organization mirroring created a repository in {namespace} from {external_reference}", ja: "組織ミラーリングにより {external_reference} から {namespace} にリポジトリが作成されました", zh: "组织镜像根据 {external_reference} 在 {namespace} 中创建了仓库" }
    LogOrgMirrorRepoFailed { en: "Organization mirroring failed to create a repository in {namespace} from {external_reference}: {error}", ja: "組織ミラーリングで {external_reference} から {namespace} へのリポジトリ作成が失敗しました: {error}", zh: "组织镜像未能根据 {external_reference} 在 {namespace} 中创建仓库：{error}" }
    LogOrgCreateTeam { en: "{performer} created team {team} in {namespace}", ja: "{performer} が {namespace} にチーム {team} を作成しました", zh: "{performer} 在 {namespace} 中创建了团队 {team}" }
    LogOrgDeleteTeam { en: "{performer} deleted team {team} in {namespace}", ja: "{performer} が {namespace} のチーム {team} を削除しました", zh: "{performer} 删除了 {namespace} 中的团队 {team}" }
    LogTeamInvite { en: "{performer} invited {member} to team {team}", ja: "{performer} が {member} をチーム {team} に招待しました", zh: "{performer} 邀请 {member} 加入团队 {team}" }
    LogTeamInviteDelete { en: "{performer} withdrew the invitation of {member} to team {team}", ja: "{performer} が {member} へのチーム {team} の招待を取り消しました", zh: "{performer} 撤回了对 {member} 的团队 {team} 邀请" }
    LogTeamInviteAccepted { en: "{member} accepted the invitation of {inviter} to team {team}", ja: "{member} が {inviter} からのチーム {team} への招待を承諾しました", zh: "{member} 接受了 {inviter} 发出的团队 {team} 邀请" }
    LogTeamInviteDeclined { en: "{member} declined the invitation of {inviter} to team {team}", ja: "{member} が {inviter} からのチーム {team} への招待を辞退しました", zh: "{member} 拒绝了 {inviter} 发出的团队 {team} 邀请" }
    LogTeamDescription { en: "{performer} changed the description of team {team}", ja: "{performer} がチーム {team} の説明を変更しました", zh: "{performer} 更改了团队 {team} 的描述" }
    LogTeamRole { en: "{performer} set the role of team {team} to {role}", ja: "{performer} がチーム {team} のロールを {role} に設定しました", zh: "{performer} 将团队 {team} 的角色设为 {role}" }
    LogTeamSyncEnable { en: "{performer} enabled directory sync for team {team}", ja: "{performer} がチーム {team} のディレクトリ同期を有効にしました", zh: "{performer} 为团队 {team} 启用了目录同步" }
    LogTeamSyncDisable { en: "{performer} disabled directory sync for team {team}", ja: "{performer} がチーム {team} のディレクトリ同期を無効にしました", zh: "{performer} 为团队 {team} 禁用了目录同步" }
    LogOrgChangeEmail { en: "{performer} changed the e-mail of organization {namespace} to {email}", ja: "{performer} が組織 {namespace} のメールアドレスを {email} に変更しました", zh: "{performer} 将组织 {namespace} 的电子邮件改为 {email}" }
    LogOrgChangeInvoicing { en: "{performer} changed the invoice e-mail settings of organization {namespace}", ja: "{performer} が組織 {namespace} の請求書メールの設定を変更しました", zh: "{performer} 更改了组织 {namespace} 的账单邮件设置" }
    LogOrgTagExpiration { en: "{performer} set the time machine window of organization {namespace} to {tag_expiration} seconds", ja: "{performer} が組織 {namespace} のタイムマシン期間を {tag_expiration} 秒に設定しました", zh: "{performer} 将组织 {namespace} 的时间机器窗口设为 {tag_expiration} 秒" }
    LogCreateDefaultPermission { en: "{performer} created a default permission in {namespace}: {role} for {delegate}", ja: "{performer} が {namespace} にデフォルト権限を作成しました: {delegate} に {role}", zh: "{performer} 在 {namespace} 中创建了默认权限：{delegate} 获得 {role}" }
    LogModifyDefaultPermission { en: "{performer} changed a default permission in {namespace}: {delegate} from {original_role} to {role}", ja: "{performer} が {namespace} のデフォルト権限を変更しました: {delegate} を {original_role} から {role} に", zh: "{performer} 更改了 {namespace} 中的默认权限：{delegate} 从 {original_role} 改为 {role}" }
    LogDeleteDefaultPermission { en: "{performer} deleted a default permission in {namespace}: {role} for {delegate}", ja: "{performer} が {namespace} のデフォルト権限を削除しました: {delegate} の {role}", zh: "{performer} 删除了 {namespace} 中的默认权限：{delegate} 的 {role}" }
    LogUpdateApplication { en: "{performer} updated application {application_name} in {account}", ja: "{performer} が {account} のアプリケーション {application_name} を更新しました", zh: "{performer} 更新了 {account} 中的应用 {application_name}" }
    LogDeleteApplication { en: "{performer} deleted application {application_name} in {account}", ja: "{performer} が {account} のアプリケーション {application_name} を削除しました", zh: "{performer} 删除了 {account} 中的应用 {application_name}" }
    LogResetClientSecret { en: "{performer} reset the client secret of application {application_name} in {account}", ja: "{performer} が {account} のアプリケーション {application_name} のクライアントシークレットをリセットしました", zh: "{performer} 重置了 {account} 中应用 {application_name} 的客户端密钥" }
    LogOauthTokenAssigned { en: "{assigning_user} assigned an OAuth token for application {application} to {assigned_user}", ja: "{assigning_user} がアプリケーション {application} の OAuth トークンを {assigned_user} に割り当てました", zh: "{assigning_user} 将应用 {application} 的 OAuth 令牌分配给 {assigned_user}" }
    LogOauthTokenRevoked { en: "{performer} revoked an OAuth token in {account}", ja: "{performer} が {account} の OAuth トークンを取り消しました", zh: "{performer} 撤销了 {account} 中的 OAuth 令牌" }
    LogCreateOauthApiToken { en: "{performer} created an OAuth API token for application {application_name} with scope {scope}", ja: "{performer} がアプリケーション {application_name} にスコープ {scope} の OAuth API トークンを作成しました", zh: "{performer} 为应用 {application_name} 创建了范围为 {scope} 的 OAuth API 令牌" }
    LogRevokeOauthApiToken { en: "{performer} revoked OAuth API token {oauth_token_uuid} of application {application_name}", ja: "{performer} がアプリケーション {application_name} の OAuth API トークン {oauth_token_uuid} を取り消しました", zh: "{performer} 撤销了应用 {application_name} 的 OAuth API 令牌 {oauth_token_uuid}" }
    LogRevokeAppToken { en: "{account} revoked app-specific token {app_specific_token_title}", ja: "{account} がアプリ専用トークン {app_specific_token_title} を取り消しました", zh: "{account} 撤销了应用专用令牌 {app_specific_token_title}" }
    LogCreateProxyCache { en: "{performer} made {namespace} a proxy cache for {upstream_registry}", ja: "{performer} が {namespace} を {upstream_registry} のプロキシキャッシュに設定しました", zh: "{performer} 将 {namespace} 设为 {upstream_registry} 的代理缓存" }
    LogDeleteProxyCache { en: "{performer} removed the proxy cache configuration of {namespace}", ja: "{performer} が {namespace} のプロキシキャッシュ設定を削除しました", zh: "{performer} 删除了 {namespace} 的代理缓存配置" }
    LogCreateNamespaceAutoprune { en: "{performer} created an auto-prune policy for {namespace}: {method} {value}", ja: "{performer} が {namespace} の自動プルーニングポリシーを作成しました: {method} {value}", zh: "{performer} 为 {namespace} 创建了自动清理策略：{method} {value}" }
    LogUpdateNamespaceAutoprune { en: "{performer} changed an auto-prune policy of {namespace} to {method} {value}", ja: "{performer} が {namespace} の自動プルーニングポリシーを {method} {value} に変更しました", zh: "{performer} 将 {namespace} 的自动清理策略改为 {method} {value}" }
    LogDeleteNamespaceAutoprune { en: "{performer} deleted an auto-prune policy of {namespace}", ja: "{performer} が {namespace} の自動プルーニングポリシーを削除しました", zh: "{performer} 删除了 {namespace} 的自动清理策略" }
    LogCreateRepoAutoprune { en: "{performer} created an auto-prune policy for {repository}: {method} {value}", ja: "{performer} が {repository} の自動プルーニングポリシーを作成しました: {method} {value}", zh: "{performer} 为 {repository} 创建了自动清理策略：{method} {value}" }
    LogUpdateRepoAutoprune { en: "{performer} changed an auto-prune policy of {repository} to {method} {value}", ja: "{performer} が {repository} の自動プルーニングポリシーを {method} {value} に変更しました", zh: "{performer} 将 {repository} 的自动清理策略改为 {method} {value}" }
    LogDeleteRepoAutoprune { en: "{performer} deleted an auto-prune policy of {repository}", ja: "{performer} が {repository} の自動プルーニングポリシーを削除しました", zh: "{performer} 删除了 {repository} 的自动清理策略" }
    LogCreateImmutabilityPolicy { en: "{performer} created an immutability policy for {target} (tag pattern {tag_pattern})", ja: "{performer} が {target} の不変性ポリシーを作成しました (タグパターン {tag_pattern})", zh: "{performer} 为 {target} 创建了不可变策略（标签模式 {tag_pattern}）" }
    LogUpdateImmutabilityPolicy { en: "{performer} updated an immutability policy for {target} (tag pattern {tag_pattern})", ja: "{performer} が {target} の不変性ポリシーを更新しました (タグパターン {tag_pattern})", zh: "{performer} 更新了 {target} 的不可变策略（标签模式 {tag_pattern}）" }
    LogDeleteImmutabilityPolicy { en: "{performer} deleted an immutability policy for {target}", ja: "{performer} が {target} の不変性ポリシーを削除しました", zh: "{performer} 删除了 {target} 的不可变策略" }
    LogTagImmutableByPolicy { en: "A policy made tag {tag} in {repository} immutable", ja: "ポリシーにより {repository} のタグ {tag} が不変になりました", zh: "策略将 {repository} 中的标签 {tag} 设为不可变" }
    LogTagsImmutableByPolicy { en: "A policy made existing tags in {target} immutable: {count} (tag pattern {tag_pattern})", ja: "ポリシーにより {target} の既存のタグが不変になりました: {count} 個 (タグパターン {tag_pattern})", zh: "策略将 {target} 中的现有标签设为不可变：{count} 个（标签模式 {tag_pattern}）" }
    LogExportSuccess { en: "{performer} queued an export of the usage logs of {account} (export {export_id})", ja: "{performer} が {account} の利用ログのエクスポートをキューに追加しました (エクスポート {export_id})", zh: "{performer} 已将 {account} 的使用日志导出加入队列（导出 {export_id}）" }
    LogExportFailure { en: "{performer} could not export the usage logs of {account}: {error}", ja: "{performer} による {account} の利用ログのエクスポートが失敗しました: {error}", zh: "{performer} 导出 {account} 的使用日志失败：{error}" }
    LogOrgCreateQuota { en: "{performer} set a storage quota of {limit} for {namespace}", ja: "{performer} が {namespace} に {limit} のストレージクォータを設定しました", zh: "{performer} 为 {namespace} 设置了 {limit} 的存储配额" }
    LogOrgChangeQuota { en: "{performer} changed the storage quota of {namespace} from {previous_limit} to {limit}", ja: "{performer} が {namespace} のストレージクォータを {previous_limit} から {limit} に変更しました", zh: "{performer} 将 {namespace} 的存储配额从 {previous_limit} 改为 {limit}" }
    LogOrgDeleteQuota { en: "{performer} removed the storage quota of {limit} from {namespace}", ja: "{performer} が {namespace} の {limit} のストレージクォータを削除しました", zh: "{performer} 删除了 {namespace} 的 {limit} 存储配额" }
    LogOrgCreateQuotaLimit { en: "{performer} added a {type} quota limit at {threshold_percent}% for {namespace}", ja: "{performer} が {namespace} に {threshold_percent}% の {type} クォータ制限を追加しました", zh: "{performer} 为 {namespace} 添加了 {threshold_percent}% 的 {type} 配额限制" }
    LogOrgChangeQuotaLimit { en: "{performer} changed a quota limit of {namespace} from {previous_type} at {previous_threshold_percent}% to {type} at {threshold_percent}%", ja: "{performer} が {namespace} のクォータ制限を {previous_threshold_percent}% の {previous_type} から {threshold_percent}% の {type} に変更しました", zh: "{performer} 将 {namespace} 的配额限制从 {previous_threshold_percent}% 的 {previous_type} 改为 {threshold_percent}% 的 {type}" }
    LogOrgDeleteQuotaLimit { en: "{performer} removed the {type} quota limit at {threshold_percent}% from {namespace}", ja: "{performer} が {namespace} の {threshold_percent}% の {type} クォータ制限を削除しました", zh: "{performer} 删除了 {namespace} 的 {threshold_percent}% {type} 配额限制" }
    // Usage logs at audit scale (issue 16 item 5): the range walked day by day, one time zone,
    // the chart per hour for the last 24 hours and with a y-axis.
    ChartTitleHours { en: "Entries per hour", ja: "時間ごとの件数", zh: "每小时条目数" }
    ChartCaptionHours {
        en: "Log entries per hour and kind, last 24 hours ({zone})",
        ja: "過去 24 時間の時間別・種類別のログ件数 ({zone})",
        zh: "最近 24 小时每小时各类日志条目数 ({zone})",
    }
    ChartHourLabel { en: "{hour}: {count} entries", ja: "{hour}: {count} 件", zh: "{hour}：{count} 条" }
    ChartAxisEntries { en: "Entries", ja: "件数", zh: "条目数" }
    ColHour { en: "Hour", ja: "時刻", zh: "时间" }
    ColTimeZone { en: "Time ({zone})", ja: "日時 ({zone})", zh: "时间 ({zone})" }
    TimeZone { en: "Time zone", ja: "タイムゾーン", zh: "时区" }
    ZoneLocal { en: "Local ({zone})", ja: "ローカル ({zone})", zh: "本地 ({zone})" }
    LogsLoadFailed { en: "The log entries could not be loaded.", ja: "ログのエントリを読み込めませんでした。", zh: "无法加载日志条目。" }
    LogsLoadingDays {
        en: "Loading… {done} of {days} days, {entries} entries",
        ja: "読み込み中… {days} 日中 {done} 日、{entries} 件",
        zh: "正在加载… {days} 天中的 {done} 天，{entries} 条",
    }
    LogsLoadedDays {
        en: "Loaded {done} of {days} days, {entries} entries.",
        ja: "{days} 日中 {done} 日分、{entries} 件を読み込みました。",
        zh: "已加载 {days} 天中的 {done} 天，{entries} 条。",
    }
    LogsStoppedDays {
        en: "Stopped: filters and sorting cover only the {done} of {days} days loaded ({entries} entries).",
        ja: "中断しました。絞り込みと並べ替えは、読み込んだ {days} 日中 {done} 日分 ({entries} 件) だけが対象です。",
        zh: "已停止：筛选和排序仅针对已加载的 {days} 天中的 {done} 天（{entries} 条）。",
    }

    // Read-only superusers (GLOBAL_READONLY_SUPER_USERS): src/auth/read_only.rs, the sign-in gate,
    // the users' Role column and the console-access card.
    ReadOnlyBody {
        en: "The registry does not let this account change anything: you can read every page here, and every control that would change something is disabled.",
        ja: "レジストリはこのアカウントによる変更を一切許可していません。ここではすべてのページを閲覧でき、変更を伴う操作はすべて無効になっています。",
        zh: "仓库不允许此账号进行任何更改：您可以查看这里的所有页面，所有会造成更改的控件均已停用。",
    }
    ReadOnlyInferredBody {
        en: "This registry does not say which accounts are read-only superusers (Quay does from 3.16 on), but it lets this account read the superuser pages without being a superuser who may change them: you can read every page, and every control that would change something is disabled.",
        ja: "このレジストリはどのアカウントが読み取り専用スーパーユーザーかを示しません（Quay 3.16 以降は示します）。ただし、このアカウントには変更権限のないままスーパーユーザー向けページの閲覧を許可しています。すべてのページを閲覧でき、変更を伴う操作はすべて無効になっています。",
        zh: "此仓库不会说明哪些账号是只读超级用户（Quay 3.16 起会说明），但它允许此账号在没有更改权限的情况下查看超级用户页面：您可以查看所有页面，所有会造成更改的控件均已停用。",
    }
    ReadOnlyRefusal {
        en: "Read-only superuser: the registry does not let this account change anything",
        ja: "読み取り専用スーパーユーザー: レジストリはこのアカウントによる変更を一切許可していません",
        zh: "只读超级用户：仓库不允许此账号进行任何更改",
    }
    RoleReadOnlySuperuser { en: "Read-only superuser", ja: "読み取り専用スーパーユーザー", zh: "只读超级用户" }
    NoAccessReadOnly {
        en: "{name} is a read-only superuser: it may read every page of this console, but it cannot make itself an administrator of the organization, and the registry's sign-in page refuses everyone who is not one. Ask one of the people named here to add {name} to the organization's owners team (in this console: Overview, Console access), then sign in again.",
        ja: "{name} は読み取り専用スーパーユーザーです。このコンソールのすべてのページを閲覧できますが、自分自身を組織の管理者にすることはできず、レジストリのサインインページは管理者以外を拒否します。ここに挙げた人に {name} を組織の owners チームへ追加するよう依頼し（このコンソールの「概要」→「コンソールへのアクセス」）、その後もう一度サインインしてください。",
        zh: "{name} 是只读超级用户：可以查看本控制台的所有页面，但无法让自己成为该组织的管理员，而仓库的登录页面会拒绝所有非管理员。请让这里列出的人员将 {name} 加入该组织的 owners 团队（在本控制台中：概览 → 控制台访问），然后重新登录。",
    }
    NoAccessReadOnlyToken {
        en: "Or sign in below with an access token of this account: a read-only superuser needs only the user:read scope (an OAuth application of any organization you administer can generate one).",
        ja: "または、このアカウントのアクセストークンで下からサインインしてください。読み取り専用スーパーユーザーに必要なのは user:read スコープだけです（自分が管理する任意の組織の OAuth アプリケーションで生成できます）。",
        zh: "或者在下方使用此账号的访问令牌登录：只读超级用户只需要 user:read 权限（可由您管理的任意组织中的 OAuth 应用生成）。",
    }
    SignInAdminsOnly {
        en: "Only administrators of the organization {name} can sign in here: the registry answers everyone else, read-only superusers too, with a bare \"Forbidden\" page. If you are not one, ask an administrator of {name} to add you to its owners team, or use an access token below.",
        ja: "ここにサインインできるのは組織 {name} の管理者だけです。それ以外の人には（読み取り専用スーパーユーザーも含め）、レジストリは「Forbidden」とだけ表示されたページを返します。管理者でない場合は、{name} の管理者に owners チームへの追加を依頼するか、下のアクセストークンを使ってください。",
        zh: "只有组织 {name} 的管理员才能在此登录：对其他人（包括只读超级用户），仓库只会返回一个写着“Forbidden”的页面。如果您不是管理员，请让 {name} 的管理员将您加入其 owners 团队，或使用下方的访问令牌。",
    }
    ConsoleAccessReadOnlyUnknown {
        en: "This registry does not say which accounts are read-only superusers (Quay does from 3.17 on), so none are listed. To let one sign in, add it to the owners team of {name} in the registry.",
        ja: "このレジストリはどのアカウントが読み取り専用スーパーユーザーかを示さないため（Quay 3.17 以降は示します）、ここには表示されません。サインインできるようにするには、レジストリで {name} の owners チームに追加してください。",
        zh: "此仓库不会说明哪些账号是只读超级用户（Quay 3.17 起会说明），因此这里没有列出。要让其登录，请在仓库中将其加入 {name} 的 owners 团队。",
    }
    // ---- Overview: what needs attention ----
    AttentionTitle { en: "What needs attention", ja: "対応が必要な項目", zh: "需要处理的事项" }
    AttentionChecking { en: "Checking the registry…", ja: "レジストリを確認しています…", zh: "正在检查仓库…" }
    AttentionAllWell { en: "Nothing needs attention.", ja: "対応が必要な項目はありません。", zh: "没有需要处理的事项。" }
    AttentionSome { en: "Needs attention: {count} of {total}", ja: "要対応: {total} 件中 {count} 件", zh: "需要处理：{total} 项中的 {count} 项" }
    AttentionFailed { en: "Could not check: {count} of {total}", ja: "確認できませんでした: {total} 件中 {count} 件", zh: "无法检查：{total} 项中的 {count} 项" }
    CheckNeedsAttention { en: "Needs attention", ja: "要対応", zh: "需处理" }
    CheckOk { en: "OK", ja: "問題なし", zh: "正常" }
    CheckOff { en: "Off", ja: "無効", zh: "未启用" }
    CheckNotOffered {
        en: "This registry does not offer this: an older Quay, or the feature is turned off.",
        ja: "このレジストリはこの機能を提供していません（古い Quay か、機能が無効になっています）。",
        zh: "此仓库不提供此功能：Quay 版本较旧，或该功能已关闭。",
    }
    CheckKeysTitle { en: "Service keys awaiting approval", ja: "承認待ちのサービスキー", zh: "待批准的服务密钥" }
    CheckKeysNote {
        en: "Services cannot sign with a key until a superuser approves it.",
        ja: "スーパーユーザーが承認するまで、サービスはそのキーで署名できません。",
        zh: "在超级用户批准之前，服务无法使用该密钥签名。",
    }
    CheckKeysNone { en: "No key is waiting for approval.", ja: "承認待ちのキーはありません。", zh: "没有待批准的密钥。" }
    CheckKeysLink { en: "Review pending keys", ja: "承認待ちのキーを確認", zh: "查看待批准的密钥" }
    CheckKeysFailed { en: "The pending service keys could not be counted.", ja: "承認待ちのサービスキーを数えられませんでした。", zh: "无法统计待批准的服务密钥。" }
    CheckQuotasTitle { en: "Namespaces over or near their quota", ja: "クォータ超過・上限間近の名前空間", zh: "超出或接近配额的命名空间" }
    CheckQuotasNote {
        en: "{over} over their limit, {near} at 90 % or more.",
        ja: "上限超過 {over}、使用率 90 % 以上 {near}。",
        zh: "{over} 个超出上限，{near} 个已用 90% 或以上。",
    }
    CheckQuotasNone {
        en: "No namespace uses 90 % of its quota or more.",
        ja: "クォータの 90 % 以上を使用している名前空間はありません。",
        zh: "没有命名空间使用了 90% 或以上的配额。",
    }
    CheckQuotasOff { en: "Quota management is off on this registry.", ja: "このレジストリではクォータ管理が無効です。", zh: "此仓库未启用配额管理。" }
    CheckQuotasLink { en: "Show these namespaces", ja: "これらの名前空間を表示", zh: "查看这些命名空间" }
    CheckQuotasFailed { en: "The namespaces' quotas could not be checked.", ja: "名前空間のクォータを確認できませんでした。", zh: "无法检查命名空间的配额。" }
    CheckSignInsTitle { en: "Failed sign-ins", ja: "サインインの失敗", zh: "登录失败" }
    CheckSignInsNote {
        en: "Logged since {day}, 00:00 UTC (the registry counts whole days).",
        ja: "{day} 00:00 (UTC) 以降の記録です（レジストリは日単位で集計します）。",
        zh: "自 {day} 00:00（UTC）起的记录（仓库按整天统计）。",
    }
    CheckSignInsNone {
        en: "None logged since {day}, 00:00 UTC. Quay logs failed sign-ins only when ACTION_LOG_AUDIT_LOGIN_FAILURES is on.",
        ja: "{day} 00:00 (UTC) 以降の記録はありません。Quay は ACTION_LOG_AUDIT_LOGIN_FAILURES が有効な場合にのみサインインの失敗を記録します。",
        zh: "自 {day} 00:00（UTC）起没有记录。仅当启用 ACTION_LOG_AUDIT_LOGIN_FAILURES 时，Quay 才会记录登录失败。",
    }
    CheckSignInsLink { en: "Show them in the usage log", ja: "利用ログで表示", zh: "在使用日志中查看" }
    CheckSignInsFailed { en: "The failed sign-ins could not be counted.", ja: "サインインの失敗を数えられませんでした。", zh: "无法统计登录失败次数。" }
    CheckSizeCalculated { en: "Calculated {when}.", ja: "{when}に計算されました。", zh: "{when}计算。" }
    CheckSizeStale {
        en: "Calculated {when}: the total may be out of date.",
        ja: "{when}に計算されたもので、合計が古くなっている可能性があります。",
        zh: "{when}计算，总量可能已过时。",
    }
    CheckSizeNever {
        en: "Never calculated: the total is unknown until a calculation runs.",
        ja: "まだ計算されていません。計算するまで合計はわかりません。",
        zh: "尚未计算：计算完成前总量未知。",
    }
    CheckSizeBusy { en: "A calculation is under way.", ja: "計算を実行中です。", zh: "正在计算。" }
    // ---- Issue 16 (items 8, 9, 12): private key dialog, quota input, durations, wizard steps, builds ----
    ErrLimitSeparator {
        en: "Leave out thousands separators and write decimals with a point, e.g. 1000 GiB or 1.5 TiB.",
        ja: "桁区切りを入れず、小数点には「.」を使ってください（例: 1000 GiB、1.5 TiB）。",
        zh: "请不要使用千位分隔符，小数点请用“.”（例如 1000 GiB 或 1.5 TiB）。",
    }
    ErrLimitNoUnit {
        en: "Add a unit, e.g. 5 GiB (B for bytes).",
        ja: "単位を付けてください（例: 5 GiB。バイトなら B）。",
        zh: "请加上单位，例如 5 GiB（字节用 B）。",
    }
    PrivateKeyCloseQuestion {
        en: "The private key of {name} was neither copied nor downloaded. Once closed, it cannot be shown again. Close anyway?",
        ja: "{name} の秘密鍵はコピーもダウンロードもされていません。閉じると二度と表示できません。閉じますか?",
        zh: "{name} 的私钥尚未复制或下载。关闭后将无法再次显示。仍要关闭吗？",
    }
    PrivateKeyKeepOpen { en: "Keep it open", ja: "開いたままにする", zh: "保持打开" }
    PrivateKeyDiscard { en: "Close without the key", ja: "保存せずに閉じる", zh: "不保存并关闭" }
    UnitWeek { en: "week", ja: "週間", zh: "周" }
    UnitDay { en: "day", ja: "日", zh: "天" }
    UnitHour { en: "hour", ja: "時間", zh: "小时" }
    UnitMinute { en: "minute", ja: "分", zh: "分钟" }
    UnitSecond { en: "second", ja: "秒", zh: "秒" }
    SetupSteps { en: "Setup steps", ja: "セットアップの手順", zh: "设置步骤" }
    SetupStepAccount { en: "First account", ja: "最初のアカウント", zh: "首个账户" }
    SetupStepRegister { en: "Dashboard sign-in", ja: "ダッシュボードのサインイン", zh: "控制台登录" }
    StepDone { en: "(done)", ja: "（完了）", zh: "（已完成）" }
    BuildIdHelp {
        en: "Quay keeps no list of all builds. A build's id is in the usage logs (each “build_dockerfile” entry links here), at the end of the build's address in Quay (…/repository/namespace/name/build/id) and in build notifications. Paste the id or that address.",
        ja: "Quay にはすべてのビルドの一覧がありません。ビルド ID は、使用状況ログ（「build_dockerfile」の各エントリからここへリンクしています）、Quay でのビルドのアドレスの末尾（…/repository/名前空間/名前/build/ID）、ビルド通知にあります。ID かそのアドレスを貼り付けてください。",
        zh: "Quay 没有所有构建的列表。构建 ID 可在使用日志中找到（每条“build_dockerfile”记录都链接到此处），也在 Quay 中该构建地址的末尾（…/repository/命名空间/名称/build/ID）以及构建通知中。请粘贴 ID 或该地址。",
    }
    BuildLogLine { en: "{count} line", ja: "{count} 行", zh: "{count} 行" }
    BuildFailedTitle { en: "Why the build failed", ja: "ビルドが失敗した理由", zh: "构建失败的原因" }
    BuildFailedLastLine {
        en: "Quay recorded no reason. The log's last line:",
        ja: "Quay は理由を記録していません。ログの最後の行:",
        zh: "Quay 未记录原因。日志的最后一行：",
    }
    BuildFailedNoReason {
        en: "Quay recorded no reason, and the log is empty.",
        ja: "Quay は理由を記録しておらず、ログも空です。",
        zh: "Quay 未记录原因，日志也为空。",
    }
    BuildExpiredReason {
        en: "The build worker stopped responding and Quay has no retries left for this build.",
        ja: "ビルドワーカーが応答しなくなり、このビルドの再試行回数も残っていません。",
        zh: "构建工作节点已停止响应，且该构建已没有剩余的重试次数。",
    }
    BuildInternalErrorReason {
        en: "The build worker failed; Quay will run the build again.",
        ja: "ビルドワーカーでエラーが発生しました。Quay がビルドを再実行します。",
        zh: "构建工作节点出错；Quay 将重新运行该构建。",
    }
    BuildCannotLoadReason {
        en: "Quay cannot read this build's live status:",
        ja: "Quay はこのビルドの現在の状態を読み取れません:",
        zh: "Quay 无法读取该构建的实时状态：",
    }
    // Usage logs: a build entry's link to the Builds page.
    LogOpenBuild { en: "Open build", ja: "ビルドを開く", zh: "打开构建" }
    LogOther { en: "{performer} did {kind}", ja: "{performer} が {kind} を実行しました", zh: "{performer} 执行了 {kind}" }
}
