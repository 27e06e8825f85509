import type { BuiltinRoadmap, BuiltinSkill } from './types';

/**
 * The default roadmap every new organisation receives: "Backend developer roadmap (Egypt timeline)".
 * Distilled from a public backend roadmap article (facts only, own wording). Keys are stable
 * identifiers used by tests, reports and stored data: never rename them.
 *
 * Milestone windows (months from the learner's start): 0–3 and 3–6 (beginner-to-junior),
 * 6–12 and 12–18 (junior-to-mid), 18–36 (mid-to-senior, open after 36).
 */
export const BUILTIN_ROADMAP: BuiltinRoadmap = {
  key: 'backend-egypt',
  title: {
    en: 'Backend developer roadmap (Egypt timeline)',
    ar: 'خارطة طريق مطوّر الواجهات الخلفية (Backend) وفق الجدول الزمني لمصر',
  },
  description: {
    en: "A three-stage path from a first program to a senior backend engineer, paced for learners in Egypt and for remote teams hiring from there. Each skill sits in a milestone window counted in months from the learner's start date. In the local job market, PHP, Java and Node.js roles are consistently sought after, and Python roles are increasingly so.",
    ar: 'مسار من ثلاث مراحل يبدأ بأول برنامج وينتهي بمهندس واجهات خلفية خبير، بإيقاع يناسب المتعلّمين في مصر والفرق التي توظّف منها عن بُعد. ولكل مهارة نافذة زمنية تُحسب بالأشهر منذ تاريخ بدء المتعلّم. وفي السوق المحلية يبقى الطلب على مطوّري PHP وJava وNode.js مستقرًا، بينما يتزايد الطلب على Python.',
  },
  stages: [
    {
      key: 'beginner-to-junior',
      title: { en: 'Beginner to Junior', ar: 'من المبتدئ إلى المطوّر الناشئ' },
      description: {
        en: 'The first six months lay the foundations: core programming and computer-science basics, how requests travel over HTTP and TCP/IP, one backend language with its main framework, and relational data with SQL. By the end the learner has built small APIs with sign-in and has tried deploying one to a cloud sandbox.',
        ar: 'تُرسي الأشهر الستة الأولى الأساس: مبادئ البرمجة وعلوم الحاسوب، وكيف تنتقل الطلبات عبر HTTP وTCP/IP، ولغة خلفية واحدة مع إطار عملها الرئيسي، والبيانات العلائقية بلغة SQL. وفي نهايتها يكون المتعلّم قد بنى واجهات API صغيرة تتطلب تسجيل الدخول، وجرّب نشر إحداها في بيئة سحابية تجريبية.',
      },
      startMonth: 0,
      endMonth: 6,
      openEnded: false,
    },
    {
      key: 'junior-to-mid',
      title: { en: 'Junior to Mid', ar: 'من المطوّر الناشئ إلى المستوى المتوسط' },
      description: {
        en: 'Between roughly six and eighteen months the focus shifts to production habits: automated tests, CI/CD, containers, caching, queues and background work, then layered design, deeper database skills, API security, structured logs and a first look at Kubernetes. Real projects, internships or open-source work supply the team experience this stage calls for.',
        ar: 'بين الشهر السادس والثامن عشر تقريبًا ينتقل التركيز إلى عادات بيئة الإنتاج: الاختبارات الآلية، وCI/CD، والحاويات، والتخزين المؤقت، وقوائم الرسائل والمهام الخلفية، ثم التصميم الطبقي، والتعمّق في قواعد البيانات، وأمن واجهات API، والسجلات المنظَّمة، ومدخل إلى Kubernetes. وتمنح المشاريع الحقيقية أو التدريب العملي أو المساهمة في المشاريع مفتوحة المصدر خبرةَ العمل ضمن فريق التي تتطلبها هذه المرحلة.',
      },
      startMonth: 6,
      endMonth: 18,
      openEnded: false,
    },
    {
      key: 'mid-to-senior',
      title: { en: 'Mid to Senior', ar: 'من المستوى المتوسط إلى المطوّر الخبير' },
      description: {
        en: 'From eighteen months on, and usually past three years for a senior title, the engineer owns services end to end. They design systems and service boundaries, make them observable and scalable, tune them under real load, steer technical decisions, mentor others and lead the response when production breaks.',
        ar: 'من الشهر الثامن عشر فصاعدًا، وغالبًا بعد ثلاث سنوات للوصول إلى لقب المطوّر الخبير، يتولّى المهندس مسؤولية الخدمات من أولها إلى آخرها. فهو يصمّم الأنظمة وحدود الخدمات، ويجعلها قابلة للمراقبة والتوسّع، ويضبط أداءها تحت الأحمال الحقيقية، ويوجّه القرارات التقنية، ويرشد زملاءه، ويقود الاستجابة عند تعطّل بيئة الإنتاج.',
      },
      startMonth: 18,
      endMonth: 36,
      openEnded: true,
    },
  ],
  skills: [
    // Months 0–3
    {
      key: 'programming-fundamentals',
      stageKey: 'beginner-to-junior',
      title: {
        en: 'Programming fundamentals (data structures, algorithms, OS basics)',
        ar: 'أساسيات البرمجة (هياكل البيانات، والخوارزميات، ومبادئ أنظمة التشغيل)',
      },
      description: {
        en: 'Writing correct programs with variables, control flow and functions, choosing fitting data structures such as arrays, hash maps, trees and queues, and reasoning about what an algorithm costs. It also covers how an operating system runs processes, manages memory and handles files. A learner shows it by solving practice problems and explaining the time and memory trade-offs of their solutions.',
        ar: 'كتابة برامج صحيحة باستخدام المتغيرات وبُنى التحكم والدوال، واختيار هياكل البيانات المناسبة كالمصفوفات وجداول التجزئة والأشجار والطوابير، وتقدير كلفة الخوارزمية. ويشمل ذلك أيضًا فهم كيف يشغّل نظام التشغيل العمليات ويدير الذاكرة ويتعامل مع الملفات. ويُظهر المتعلّم هذه المهارة بحل مسائل تدريبية وشرح المفاضلة بين الوقت والذاكرة في حلوله.',
      },
      category: 'fundamentals',
      startMonth: 0,
      endMonth: 3,
    },
    {
      key: 'backend-language',
      stageKey: 'beginner-to-junior',
      title: { en: 'One backend language and its framework', ar: 'لغة خلفية واحدة وإطار عملها' },
      description: {
        en: "Picking one server-side language, such as Java, Python, PHP, JavaScript/TypeScript on Node.js, Go or Ruby, and getting comfortable with its main web framework, package manager and project layout. Depth in one stack is worth more than a little of several. A learner shows it with a working application that follows the framework's conventions and that they can extend without a tutorial.",
        ar: 'اختيار لغة واحدة لجانب الخادم، مثل Java أو Python أو PHP أو JavaScript/TypeScript على Node.js أو Go أو Ruby، والتمكّن من إطار عملها الرئيسي ومدير الحزم وبنية المشروع فيها. فالتعمّق في تقنية واحدة أنفع من الإلمام السطحي بعدة تقنيات. ويُظهر المتعلّم ذلك بتطبيق يعمل ويتبع أعراف إطار العمل، ويستطيع توسيعه دون الاعتماد على درس جاهز.',
      },
      category: 'languages',
      startMonth: 0,
      endMonth: 3,
    },
    {
      key: 'sql-basics',
      stageKey: 'beginner-to-junior',
      title: { en: 'SQL and relational basics', ar: 'أساسيات SQL وقواعد البيانات العلائقية' },
      description: {
        en: 'Modelling data as tables with primary keys, foreign keys and constraints, normalising a schema, and writing SELECT queries with joins, filters and aggregates alongside inserts, updates and deletes. The learner understands why relational engines such as PostgreSQL or MySQL suit data that must stay consistent. It shows in a schema and migrations they designed and in queries they can explain.',
        ar: 'نمذجة البيانات في جداول ذات مفاتيح أساسية ومفاتيح أجنبية وقيود، وتطبيع المخطط، وكتابة استعلامات SELECT بالربط والتصفية والتجميع إلى جانب عمليات الإدراج والتحديث والحذف. ويدرك المتعلّم لماذا تناسب المحركات العلائقية مثل PostgreSQL وMySQL البيانات التي يجب أن تبقى متّسقة. ويظهر ذلك في مخطط وملفات ترحيل صمّمها بنفسه وفي استعلامات يستطيع شرحها.',
      },
      category: 'databases',
      startMonth: 0,
      endMonth: 3,
    },
    {
      key: 'http-basics',
      stageKey: 'beginner-to-junior',
      title: { en: 'How the web works (HTTP, TCP/IP)', ar: 'كيف يعمل الويب (HTTP وTCP/IP)' },
      description: {
        en: 'Following a request from the browser to the server and back: the DNS lookup, the TCP connection and TLS, then the HTTP method, headers, body and status code. With this picture, API behaviour, cache headers and network errors become understandable instead of mysterious. A learner shows it by inspecting real traffic with browser developer tools or curl and explaining each part.',
        ar: 'تتبّع الطلب من المتصفح إلى الخادم والعودة: الاستعلام عن DNS، واتصال TCP وTLS، ثم طريقة HTTP والترويسات والمحتوى ورمز الحالة. وبهذه الصورة يصبح سلوك واجهات API وترويسات التخزين المؤقت وأخطاء الشبكة مفهومًا لا غامضًا. ويُظهر المتعلّم ذلك بفحص حركة مرور حقيقية بأدوات المطوّر في المتصفح أو بأداة curl وشرح كل جزء منها.',
      },
      category: 'fundamentals',
      startMonth: 0,
      endMonth: 3,
    },
    {
      key: 'first-api',
      stageKey: 'beginner-to-junior',
      title: { en: 'A simple API project', ar: 'مشروع API بسيط' },
      description: {
        en: 'Building a small HTTP API end to end: a handful of endpoints that create, read, update and delete records in a database, with input checks and sensible error responses. The point is to join language, framework, database and HTTP in one running program. It shows in a repository whose README explains how to start the service and call it.',
        ar: 'بناء واجهة HTTP صغيرة من البداية إلى النهاية: بضع نقاط وصول تُنشئ السجلات في قاعدة بيانات وتقرؤها وتحدّثها وتحذفها، مع التحقق من المدخلات وردود أخطاء معقولة. والغاية هي الجمع بين اللغة وإطار العمل وقاعدة البيانات وHTTP في برنامج واحد يعمل. ويظهر ذلك في مستودع يشرح ملف README فيه كيفية تشغيل الخدمة واستدعائها.',
      },
      category: 'apis',
      startMonth: 0,
      endMonth: 3,
    },
    // Months 3–6
    {
      key: 'authentication',
      stageKey: 'beginner-to-junior',
      title: {
        en: 'Authentication (sessions, tokens, OAuth basics)',
        ar: 'المصادقة (الجلسات، والرموز المميّزة، وأساسيات OAuth)',
      },
      description: {
        en: "Confirming who a user is and keeping them signed in, either with server-side sessions and cookies or with signed tokens such as JWT, and storing passwords only as salted hashes. It includes telling authentication apart from authorisation, handling token expiry and revocation, and the idea behind OAuth's delegated access. A learner shows it with sign-up, sign-in and sign-out flows that guard private endpoints.",
        ar: 'التحقق من هوية المستخدم وإبقاؤه مسجّلًا للدخول، إما بجلسات على الخادم وملفات تعريف الارتباط أو برموز موقَّعة مثل JWT، مع تخزين كلمات المرور على هيئة قيم تجزئة مملّحة فقط. ويشمل ذلك التمييز بين المصادقة والتفويض، والتعامل مع انتهاء صلاحية الرموز وإلغائها، وفهم فكرة الوصول المفوَّض في OAuth. ويُظهر المتعلّم ذلك بمسارات للتسجيل وتسجيل الدخول والخروج تحمي نقاط الوصول الخاصة.',
      },
      category: 'apis',
      startMonth: 3,
      endMonth: 6,
    },
    {
      key: 'rest-design',
      stageKey: 'beginner-to-junior',
      title: {
        en: 'REST API design (resources, verbs, status codes, pagination, versioning)',
        ar: 'تصميم واجهات REST (الموارد، وأفعال HTTP، ورموز الحالة، وتقسيم الصفحات، وإدارة الإصدارات)',
      },
      description: {
        en: 'Shaping an API around resources with predictable URLs, using HTTP verbs and status codes for what they mean, keeping requests stateless, and adding pagination, filtering and a versioning scheme so clients keep working as the API grows. Describing the contract in OpenAPI (Swagger) lets others integrate without reading the code. A learner shows it with a consistent, documented API that includes example success and error responses.',
        ar: 'بناء الواجهة حول موارد ذات عناوين URL متوقَّعة، واستخدام أفعال HTTP ورموز الحالة وفق معانيها، وإبقاء الطلبات عديمة الحالة، وإضافة تقسيم الصفحات والتصفية وخطة للإصدارات كي تستمر تطبيقات العملاء في العمل مع تطوّر الواجهة. ووصف العقد بصيغة OpenAPI (Swagger) يتيح للآخرين التكامل دون قراءة الشيفرة. ويُظهر المتعلّم ذلك بواجهة متّسقة وموثّقة تتضمن أمثلة على ردود النجاح والخطأ.',
      },
      category: 'apis',
      startMonth: 3,
      endMonth: 6,
    },
    {
      key: 'git',
      stageKey: 'beginner-to-junior',
      title: {
        en: 'Version control with Git (branches, pull requests)',
        ar: 'إدارة الإصدارات باستخدام Git (الفروع وطلبات الدمج)',
      },
      description: {
        en: 'Using Git every day: small commits with clear messages, a branch per feature, clean merges or rebases, and calm conflict resolution. Work reaches the main branch only through pull requests that are reviewed and pass automated checks. A learner shows it with a readable history and reviewed pull requests on GitHub or GitLab.',
        ar: 'استخدام Git في العمل اليومي: إيداعات صغيرة برسائل واضحة، وفرع لكل ميزة، ودمج أو إعادة تأسيس نظيفة، وحل التعارضات بهدوء. ولا يصل العمل إلى الفرع الرئيسي إلا عبر طلبات دمج تخضع للمراجعة وتجتاز الفحوص الآلية. ويُظهر المتعلّم ذلك بسجل إيداعات مقروء وطلبات دمج مراجَعة على GitHub أو GitLab.',
      },
      category: 'workflow',
      startMonth: 3,
      endMonth: 6,
    },
    {
      key: 'cloud-deploy',
      stageKey: 'beginner-to-junior',
      title: { en: 'Deploy to a cloud dev environment', ar: 'النشر في بيئة تطوير سحابية' },
      description: {
        en: "Getting a service running somewhere other than one's own laptop, on a cloud sandbox, AWS, Azure or a platform-as-a-service, with per-environment configuration and secrets kept out of the code. The learner knows why development, staging and production are kept apart. It shows in a live URL and a README section that lets someone else repeat the deployment.",
        ar: 'تشغيل الخدمة خارج الجهاز الشخصي، في بيئة سحابية تجريبية أو على AWS أو Azure أو إحدى منصات PaaS، مع إعدادات خاصة بكل بيئة وإبقاء الأسرار خارج الشيفرة. ويفهم المتعلّم سبب الفصل بين بيئات التطوير والتجهيز والإنتاج. ويظهر ذلك في رابط يعمل فعليًا وقسم في ملف README يمكّن غيره من تكرار النشر.',
      },
      category: 'devops',
      startMonth: 3,
      endMonth: 6,
    },
    // Months 6–12
    {
      key: 'testing',
      stageKey: 'junior-to-mid',
      title: {
        en: 'Automated testing (unit, integration, end-to-end)',
        ar: 'الاختبارات الآلية (اختبارات الوحدات، والتكامل، والاختبارات الشاملة)',
      },
      description: {
        en: "Following the testing pyramid: many fast unit tests for business logic, integration tests against a real database or queue, and a few end-to-end tests for the flows that matter most. Tests use the stack's usual tools, such as JUnit, pytest or a JavaScript test runner, and run on every change. A learner shows it with a suite that runs with one command and catches things that used to work and broke.",
        ar: 'اتباع هرم الاختبارات: عدد كبير من اختبارات الوحدات السريعة لمنطق الأعمال، واختبارات تكامل تعمل مع قاعدة بيانات أو طابور رسائل حقيقي، وعدد قليل من الاختبارات الشاملة للمسارات الأهم. وتُكتب الاختبارات بالأدوات المعتادة في كل تقنية مثل JUnit أو pytest أو أحد مشغّلات الاختبار في JavaScript، وتُشغَّل عند كل تغيير. ويُظهر المتعلّم ذلك بمجموعة اختبارات تعمل بأمر واحد وتكشف ما تعطّل مما كان يعمل سابقًا.',
      },
      category: 'testing',
      startMonth: 6,
      endMonth: 12,
    },
    {
      key: 'ci-cd',
      stageKey: 'junior-to-mid',
      title: { en: 'CI/CD pipelines', ar: 'خطوط CI/CD' },
      description: {
        en: 'Automating what happens after a push: install, lint, test, build and, once everything passes, deploy. Pipelines on GitHub Actions, GitLab CI, Jenkins or similar block failing changes from merging and can add dependency and security scans. A learner shows it with a pipeline definition in the repository and a history of green runs.',
        ar: 'أتمتة ما يحدث بعد رفع الشيفرة: تثبيت الاعتماديات، والفحص الساكن، والاختبار، والبناء، ثم النشر حين تنجح الخطوات كلها. وتمنع خطوط العمل على GitHub Actions أو GitLab CI أو Jenkins أو ما يماثلها دمجَ التغييرات الفاشلة، ويمكن أن تضيف فحوصًا للاعتماديات وللثغرات الأمنية. ويُظهر المتعلّم ذلك بملف تعريف لخط العمل داخل المستودع وسجل من التشغيلات الناجحة.',
      },
      category: 'devops',
      startMonth: 6,
      endMonth: 12,
    },
    {
      key: 'docker',
      stageKey: 'junior-to-mid',
      title: { en: 'Containers with Docker', ar: 'الحاويات باستخدام Docker' },
      description: {
        en: 'Packaging a service and its runtime into an image so it behaves the same on a laptop, in CI and in production. That means a lean Dockerfile, configuration passed in through the environment, and a Compose file that starts the app together with its database and cache. A learner shows it when someone else can bring up the whole stack with a single command.',
        ar: 'تغليف الخدمة وبيئة تشغيلها في صورة واحدة كي تعمل بالطريقة نفسها على الحاسوب الشخصي وفي CI وفي بيئة الإنتاج. ويعني ذلك ملف Dockerfile مقتضبًا، وتمرير الإعدادات عبر متغيرات البيئة، وملف Compose يشغّل التطبيق مع قاعدة بياناته وذاكرته المؤقتة. ويُظهر المتعلّم ذلك حين يستطيع شخص آخر تشغيل المنظومة كاملةً بأمر واحد.',
      },
      category: 'devops',
      startMonth: 6,
      endMonth: 12,
    },
    {
      key: 'caching',
      stageKey: 'junior-to-mid',
      title: { en: 'Caching (Redis, Memcached, CDN)', ar: 'التخزين المؤقت (Redis وMemcached وشبكات CDN)' },
      description: {
        en: 'Keeping frequently read data close to where it is needed so responses are quicker and the database does less work: an in-memory store such as Redis or Memcached for computed results and sessions, HTTP cache headers, and a CDN for static files. The hard parts are invalidation and deciding how stale data may become. A learner shows it by caching a slow path and measuring the difference.',
        ar: 'إبقاء البيانات كثيرة القراءة قريبة من موضع الحاجة إليها لتسريع الاستجابة وتخفيف العبء عن قاعدة البيانات: مخزن في الذاكرة مثل Redis أو Memcached للنتائج المحسوبة والجلسات، وترويسات التخزين المؤقت في HTTP، وشبكة CDN للملفات الثابتة. والجزء الصعب هو إبطال البيانات المخزّنة وتحديد المدى المقبول لتقادمها. ويُظهر المتعلّم ذلك بإضافة تخزين مؤقت إلى مسار بطيء وقياس الفرق.',
      },
      category: 'performance',
      startMonth: 6,
      endMonth: 12,
    },
    {
      key: 'message-queues',
      stageKey: 'junior-to-mid',
      title: { en: 'Message queues and background jobs', ar: 'قوائم انتظار الرسائل والمهام الخلفية' },
      description: {
        en: 'Moving slow or unreliable work, such as sending e-mail, processing files or calling third parties, out of the request path and into background workers fed by a broker like RabbitMQ, Kafka or a Redis-backed queue. Doing it well needs retries, idempotent handlers and a place for messages that keep failing. A learner shows it with a producer and a worker that carry on correctly when a job fails once.',
        ar: 'نقل الأعمال البطيئة أو غير الموثوقة، كإرسال البريد الإلكتروني ومعالجة الملفات واستدعاء الخدمات الخارجية، من مسار الطلب إلى عمّال في الخلفية يتلقّون المهام من وسيط رسائل مثل RabbitMQ أو Kafka أو طابور قائم على Redis. ويتطلب إتقان ذلك إعادة المحاولة، ومعالِجات لا يتغيّر أثرها بتكرار التنفيذ (idempotent)، ومكانًا للرسائل التي يتكرر فشلها. ويُظهر المتعلّم ذلك بمنتِج وعامل يواصلان العمل بشكل صحيح حين تفشل مهمة ما مرة واحدة.',
      },
      category: 'performance',
      startMonth: 6,
      endMonth: 12,
    },
    {
      key: 'open-source',
      stageKey: 'junior-to-mid',
      title: { en: 'Open-source contribution', ar: 'المساهمة في المشاريع مفتوحة المصدر' },
      description: {
        en: "Contributing to a public project on GitHub: finding one's way around an unfamiliar codebase, following its contribution guide, opening an issue or pull request and answering review comments. It builds the habits of working in a team and leaves public proof of skill. A learner shows it with merged contributions, even small fixes or documentation improvements, to a project they do not own.",
        ar: 'المساهمة في مشروع عام على GitHub: التعرّف على قاعدة شيفرة غير مألوفة، واتباع دليل المساهمة فيها، وفتح بلاغ أو طلب دمج والرد على ملاحظات المراجعة. وهي تبني عادات العمل ضمن فريق وتترك دليلًا علنيًا على المهارة. ويُظهر المتعلّم ذلك بمساهمات مدموجة في مشروع لا يملكه، ولو كانت إصلاحات صغيرة أو تحسينات في التوثيق.',
      },
      category: 'career',
      startMonth: 6,
      endMonth: 12,
    },
    // Months 12–18 (the article lists these for "Junior to Mid"; the 12–18 window is the roadmap's own)
    {
      key: 'architecture',
      stageKey: 'junior-to-mid',
      title: { en: 'Layered architecture and SOLID', ar: 'البنية الطبقية ومبادئ SOLID' },
      description: {
        en: 'Splitting a backend into layers with clear jobs: the API layer validates requests, services hold the business rules, repositories deal with persistence, and infrastructure provides caching, queues and logging. SOLID, separation of concerns, DRY and YAGNI keep modules small and replaceable, for example by injecting a payment gateway behind an interface. A learner shows it with code whose business rules can be tested without a real database or outside service.',
        ar: 'تقسيم النظام الخلفي إلى طبقات لكلٍّ منها مهمة واضحة: طبقة الواجهة تتحقق من الطلبات، والخدمات تحمل قواعد الأعمال، والمستودعات تتولى حفظ البيانات، والبنية التحتية توفّر التخزين المؤقت والطوابير والسجلات. وتُبقي مبادئ SOLID وفصل الاهتمامات وDRY وYAGNI الوحداتِ صغيرة وقابلة للاستبدال، كأن تُحقَن بوابة الدفع من خلف واجهة برمجية مجرّدة. ويُظهر المتعلّم ذلك بشيفرة يمكن فيها اختبار قواعد الأعمال دون قاعدة بيانات حقيقية أو خدمة خارجية.',
      },
      category: 'architecture',
      startMonth: 12,
      endMonth: 18,
    },
    {
      key: 'databases-advanced',
      stageKey: 'junior-to-mid',
      title: {
        en: 'Indexing, query plans, transactions, backups',
        ar: 'الفهارس، وخطط تنفيذ الاستعلامات، والمعاملات، والنسخ الاحتياطي',
      },
      description: {
        en: 'Keeping a database fast and safe under real use: B-tree and composite indexes for the queries that matter, reading EXPLAIN output, choosing transaction boundaries and isolation, and pooling connections. It also means knowing when to denormalise or reach for a NoSQL store, and keeping backups with point-in-time recovery that have actually been restored at least once. A learner shows it by fixing a slow query with measurements and documenting a tested restore.',
        ar: 'الحفاظ على سرعة قاعدة البيانات وأمانها في الاستخدام الفعلي: فهارس B-tree وفهارس مركّبة للاستعلامات المهمة، وقراءة مخرجات EXPLAIN، وتحديد حدود المعاملات ومستوى عزلها، واستخدام تجمّع الاتصالات. ويعني ذلك أيضًا معرفة متى يُلجأ إلى إلغاء التطبيع أو إلى مخزن NoSQL، والاحتفاظ بنسخ احتياطية تتيح الاستعادة إلى لحظة زمنية محددة وقد جُرّبت استعادتها فعلًا مرة على الأقل. ويُظهر المتعلّم ذلك بإصلاح استعلام بطيء مع قياسات تثبت التحسّن وتوثيق عملية استعادة مُختبَرة.',
      },
      category: 'databases',
      startMonth: 12,
      endMonth: 18,
    },
    {
      key: 'api-security',
      stageKey: 'junior-to-mid',
      title: {
        en: 'API security (validation, rate limits, CORS, RBAC, OWASP Top 10)',
        ar: 'أمن واجهات API (التحقق من المدخلات، وتحديد معدل الطلبات، وCORS، والتحكم في الوصول بالأدوار، وOWASP Top 10)',
      },
      description: {
        en: 'Defending an API against common attacks: validating every input, serving only over HTTPS, limiting request rates, allowing only known origins through CORS, and checking permissions with role-based access control and narrow scopes. The OWASP Top 10 works as a checklist, and dependency and security scans run in CI. A learner shows it with tests proving that users cannot reach data or actions outside their role.',
        ar: 'حماية الواجهة من الهجمات الشائعة: التحقق من كل مدخل، والعمل عبر HTTPS فقط، وتحديد معدل الطلبات، والسماح للمصادر المعروفة وحدها عبر CORS، والتحقق من الصلاحيات بالتحكم في الوصول القائم على الأدوار وبنطاقات صلاحيات ضيقة. وتُستخدم قائمة OWASP Top 10 قائمةَ تحقق، وتُشغَّل فحوص الاعتماديات والأمن ضمن CI. ويُظهر المتعلّم ذلك باختبارات تثبت أن المستخدمين لا يصلون إلى بيانات أو إجراءات خارج أدوارهم.',
      },
      category: 'apis',
      startMonth: 12,
      endMonth: 18,
    },
    {
      key: 'logging',
      stageKey: 'junior-to-mid',
      title: { en: 'Structured logging', ar: 'السجلات المنظَّمة' },
      description: {
        en: 'Writing logs as structured records, usually JSON, with a level, a timestamp, a request identifier and useful context instead of free text, and never leaking secrets or personal data. Such logs can be searched and aggregated in tools like the ELK stack or Loki. A learner shows it by following one failing request through the logs to its cause.',
        ar: 'كتابة السجلات على هيئة سجلات منظَّمة، غالبًا بصيغة JSON، تتضمن المستوى والطابع الزمني ومعرّف الطلب وسياقًا مفيدًا بدلًا من النص الحر، دون تسريب الأسرار أو البيانات الشخصية أبدًا. ويمكن البحث في هذه السجلات وتجميعها بأدوات مثل ELK أو Loki. ويُظهر المتعلّم ذلك بتتبّع طلب فاشل واحد عبر السجلات حتى الوصول إلى سببه.',
      },
      category: 'observability',
      startMonth: 12,
      endMonth: 18,
    },
    {
      key: 'kubernetes-basics',
      stageKey: 'junior-to-mid',
      title: { en: 'Kubernetes basics', ar: 'أساسيات Kubernetes' },
      description: {
        en: 'Understanding how Kubernetes runs containers: pods, deployments, services, config maps and secrets, along with rolling updates, health checks and autoscaling. At this stage the aim is to read and write simple manifests and to judge when a cluster is worth its operating cost compared with a simpler platform. A learner shows it by deploying a containerised service to a local or managed cluster.',
        ar: 'فهم كيفية تشغيل Kubernetes للحاويات: كائنات pods وdeployments وservices وconfig maps والأسرار، إلى جانب التحديثات المتدرّجة وفحوص السلامة والتوسّع التلقائي. والهدف في هذه المرحلة قراءة ملفات تعريف بسيطة وكتابتها، والحكم على متى يستحق العنقود كلفته التشغيلية مقارنةً بمنصة أبسط. ويُظهر المتعلّم ذلك بنشر خدمة مغلّفة في حاوية على عنقود محلي أو مُدار.',
      },
      category: 'devops',
      startMonth: 12,
      endMonth: 18,
    },
    // Months 18–36 (open after 36)
    {
      key: 'system-design',
      stageKey: 'mid-to-senior',
      title: { en: 'System design', ar: 'تصميم الأنظمة' },
      description: {
        en: 'Turning requirements into a working system: estimating load, choosing data stores, sketching components and data flow, and weighing consistency, availability, latency and cost against each other. A good design spells out its trade-offs and how it is expected to evolve. A learner shows it in design documents and discussions for real features, and in system-design interviews.',
        ar: 'تحويل المتطلبات إلى نظام عامل: تقدير الأحمال، واختيار مخازن البيانات، ورسم المكوّنات ومسار البيانات، والموازنة بين الاتساق والتوافر وزمن الاستجابة والكلفة. والتصميم الجيد يصرّح بالمفاضلات التي يقوم عليها وبالطريقة المتوقَّعة لتطوّره. ويُظهر المتعلّم ذلك في وثائق تصميم ونقاشات لميزات حقيقية، وفي مقابلات تصميم الأنظمة.',
      },
      category: 'architecture',
      startMonth: 18,
      endMonth: 36,
    },
    {
      key: 'microservices',
      stageKey: 'mid-to-senior',
      title: { en: 'Microservices and service boundaries', ar: 'الخدمات المصغّرة وحدود الخدمات' },
      description: {
        en: 'Knowing when a modular monolith is enough and when to split along bounded contexts, then extracting services step by step behind an API gateway. It covers talking over REST, gRPC or messages, contract tests, circuit breakers and the real cost of distributed transactions. A learner shows it by justifying a service boundary and running two services that can fail without taking each other down.',
        ar: 'معرفة متى يكفي نظام أحادي مقسَّم إلى وحدات ومتى يحسن التقسيم وفق السياقات المحدَّدة (bounded contexts)، ثم استخراج الخدمات خطوة بخطوة خلف بوابة API. ويشمل ذلك التواصل عبر REST أو gRPC أو الرسائل، واختبارات العقود، وقواطع الدوائر، والكلفة الحقيقية للمعاملات الموزّعة. ويُظهر المتعلّم ذلك بتبرير حدود خدمة ما وتشغيل خدمتين يمكن أن تتعطّل إحداهما دون أن تُسقط الأخرى.',
      },
      category: 'architecture',
      startMonth: 18,
      endMonth: 36,
    },
    {
      key: 'observability',
      stageKey: 'mid-to-senior',
      title: {
        en: 'Observability (metrics, logs, traces, SLOs)',
        ar: 'قابلية المراقبة (المقاييس، والسجلات، والتتبّع، وأهداف مستوى الخدمة)',
      },
      description: {
        en: 'Being able to tell what a running system is doing from the outside: metrics collected with Prometheus and charted in Grafana, centralised logs, and distributed traces with OpenTelemetry or Jaeger. Service-level indicators and objectives define what healthy means, and alerts fire before users notice a problem. A learner shows it with dashboards, alert rules and an SLO for a service they operate.',
        ar: 'القدرة على معرفة ما يفعله النظام أثناء تشغيله من خارجه: مقاييس تُجمع بـ Prometheus وتُعرض في Grafana، وسجلات مركزية، وتتبّع موزَّع باستخدام OpenTelemetry أو Jaeger. وتحدّد مؤشرات مستوى الخدمة وأهدافها (SLI وSLO) معنى السلامة، وتنطلق التنبيهات قبل أن يلاحظ المستخدمون المشكلة. ويُظهر المتعلّم ذلك بلوحات متابعة وقواعد تنبيه وهدف مستوى خدمة لخدمة يتولّى تشغيلها.',
      },
      category: 'observability',
      startMonth: 18,
      endMonth: 36,
    },
    {
      key: 'scaling',
      stageKey: 'mid-to-senior',
      title: {
        en: 'Scaling strategies (horizontal, caching, sharding)',
        ar: 'استراتيجيات التوسّع (التوسّع الأفقي، والتخزين المؤقت، وتجزئة البيانات)',
      },
      description: {
        en: 'Growing capacity with demand: a bigger machine for a quick win, more stateless instances behind a load balancer, autoscaling rules, caching of hot data, and partitioning or sharding once one database node is no longer enough. Serverless functions can fit bursty, occasional workloads. A learner shows it with a load test and a written plan for the next tenfold growth.',
        ar: 'زيادة السعة مع نمو الطلب: خادم أكبر لمكسب سريع، ونسخ إضافية عديمة الحالة خلف موازن أحمال، وقواعد للتوسّع التلقائي، وتخزين البيانات كثيرة الطلب مؤقتًا، وتقسيم البيانات أو تجزئتها حين لا تعود عقدة قاعدة بيانات واحدة كافية. وقد تناسب الدوال عديمة الخوادم (serverless) الأحمال المتقطّعة ذات الذروات المفاجئة. ويُظهر المتعلّم ذلك باختبار حمل وخطة مكتوبة لاستيعاب نمو بعشرة أضعاف.',
      },
      category: 'performance',
      startMonth: 18,
      endMonth: 36,
    },
    {
      key: 'performance-tuning',
      stageKey: 'mid-to-senior',
      title: { en: 'Large-scale performance tuning', ar: 'ضبط الأداء على نطاق واسع' },
      description: {
        en: 'Finding and removing bottlenecks in busy systems by measuring rather than guessing: CPU and memory profilers such as JVM profilers or py-spy, slow-query analysis, and tuning of connection pools, worker counts and concurrency. Each change is judged against a baseline and a stated target. A learner shows it with a before-and-after comparison on a real workload.',
        ar: 'اكتشاف الاختناقات وإزالتها في الأنظمة ذات الحركة الكثيفة اعتمادًا على القياس لا التخمين: أدوات تحليل استهلاك المعالج والذاكرة مثل محلّلات JVM أو py-spy، وتحليل الاستعلامات البطيئة، وضبط تجمّعات الاتصالات وعدد العمّال ومستوى التزامن. ويُقاس كل تعديل مقارنةً بخط أساس وبهدف معلَن. ويُظهر المتعلّم ذلك بمقارنة بين ما قبل التعديل وما بعده على حمل عمل حقيقي.',
      },
      category: 'performance',
      startMonth: 18,
      endMonth: 36,
    },
    {
      key: 'leadership',
      stageKey: 'mid-to-senior',
      title: {
        en: 'Technical leadership, mentoring, incident response',
        ar: 'القيادة التقنية، والإرشاد، والاستجابة للحوادث',
      },
      description: {
        en: 'Steering technical decisions across a team, writing down the reasoning, and owning services from design through operation. It includes mentoring less experienced engineers through reviews and pairing, and leading incident response with runbooks, clear communication and blameless post-mortems. A learner shows it through decisions they drove, people they mentored and incidents they handled.',
        ar: 'توجيه القرارات التقنية على مستوى الفريق وتدوين مبرراتها، وتحمّل مسؤولية الخدمات من التصميم حتى التشغيل. ويشمل ذلك إرشاد المهندسين الأقل خبرة عبر المراجعات والبرمجة الثنائية، وقيادة الاستجابة للحوادث بأدلة تشغيل وتواصل واضح ومراجعات لاحقة لا تبحث عن مذنب. ويُظهر المتعلّم ذلك بقرارات قادها وزملاء أرشدهم وحوادث تعامل معها.',
      },
      category: 'career',
      startMonth: 18,
      endMonth: 36,
    },
  ],
  briefs: [
    {
      key: 'auth-api',
      title: {
        en: 'API service with user auth and role-based access',
        ar: 'خدمة API مع مصادقة المستخدمين والتحكم في الوصول بالأدوار',
      },
      description: {
        en: "Build an HTTP API where users register and sign in, and where every endpoint checks the caller's role before it acts. Include input validation, consistent error responses, a documented contract, and tests for both allowed and forbidden requests.",
        ar: 'ابنِ واجهة HTTP يسجّل فيها المستخدمون حساباتهم ويدخلون إليها، وتتحقق كل نقطة وصول فيها من دور المستدعي قبل تنفيذ أي إجراء. وأضف التحقق من المدخلات، وردود أخطاء متّسقة، وعقدًا موثّقًا، واختبارات للطلبات المسموح بها والممنوعة على السواء.',
      },
      skillKeys: ['backend-language', 'first-api', 'authentication', 'rest-design', 'api-security', 'testing'],
    },
    {
      key: 'ecommerce-backend',
      title: {
        en: 'E-commerce backend: catalogue, orders, mocked payments',
        ar: 'واجهة خلفية لمتجر إلكتروني: كتالوج المنتجات، والطلبات، ومدفوعات محاكاة',
      },
      description: {
        en: 'Build the server side of a small online shop: a product catalogue, a cart, and orders kept consistent with transactions, plus a payment step behind an interface backed by a fake gateway. Show the schema and its indexes, layered code, tests, and a Docker setup that starts the service together with its database.',
        ar: 'ابنِ جانب الخادم لمتجر إلكتروني صغير: كتالوج للمنتجات، وسلة مشتريات، وطلبات تبقى متّسقة بفضل المعاملات، إضافة إلى خطوة دفع خلف واجهة برمجية تعتمد على بوابة دفع وهمية. واعرض المخطط وفهارسه، والشيفرة المقسّمة إلى طبقات، والاختبارات، وإعداد Docker يشغّل الخدمة مع قاعدة بياناتها.',
      },
      skillKeys: ['sql-basics', 'rest-design', 'databases-advanced', 'architecture', 'testing', 'docker'],
    },
    {
      key: 'realtime-service',
      title: {
        en: 'Real-time chat or notification service over WebSocket or a message queue',
        ar: 'خدمة محادثة أو إشعارات فورية عبر WebSocket أو قائمة انتظار رسائل',
      },
      description: {
        en: 'Build a service that pushes chat messages or notifications to connected clients as events happen, using WebSocket connections or a message broker. Explain how it keeps up when connections and instances multiply, and where caching and queues take load off the main path.',
        ar: 'ابنِ خدمة تدفع رسائل المحادثة أو الإشعارات إلى العملاء المتصلين لحظة وقوع الأحداث، باستخدام اتصالات WebSocket أو وسيط رسائل. واشرح كيف تحافظ على أدائها حين يتضاعف عدد الاتصالات والنسخ، وأين يخفف التخزين المؤقت والطوابير العبء عن المسار الرئيسي.',
      },
      skillKeys: ['message-queues', 'caching', 'architecture', 'scaling'],
    },
    {
      key: 'production-ready',
      title: {
        en: '3–5 production-ready repositories with clear READMEs and deployment guides',
        ar: 'من 3 إلى 5 مستودعات جاهزة للإنتاج مع ملفات README واضحة وأدلة للنشر',
      },
      description: {
        en: 'Publish three to five repositories that a stranger could run and deploy: a clear README with setup and deployment steps, a CI pipeline, a container image, and basic health checks and monitoring. Together they form the public portfolio a learner shows to employers and clients.',
        ar: 'انشر من ثلاثة إلى خمسة مستودعات يستطيع أي شخص تشغيلها ونشرها: ملف README واضح يشرح خطوات الإعداد والنشر، وخط CI، وصورة حاوية، وفحوص سلامة ومراقبة أساسية. وتشكّل هذه المستودعات معًا معرض الأعمال العلني الذي يقدّمه المتعلّم لأصحاب العمل والعملاء.',
      },
      skillKeys: ['git', 'cloud-deploy', 'ci-cd', 'docker', 'observability'],
    },
  ],
  resources: [
    // Official documentation
    {
      key: 'oracle-java-docs',
      title: { en: 'Oracle Java documentation', ar: 'توثيق Java الرسمي من Oracle' },
      kind: 'docs',
      url: 'https://docs.oracle.com/en/java/',
      skillKeys: ['backend-language'],
    },
    {
      key: 'python-docs',
      title: { en: 'Python documentation', ar: 'توثيق Python الرسمي' },
      kind: 'docs',
      url: 'https://docs.python.org/3/',
      skillKeys: ['backend-language'],
    },
    {
      key: 'nodejs-docs',
      title: { en: 'Node.js documentation', ar: 'توثيق Node.js الرسمي' },
      kind: 'docs',
      url: 'https://nodejs.org/docs/latest/api/',
      skillKeys: ['backend-language'],
    },
    // Courses
    {
      key: 'coursera',
      title: { en: 'Coursera backend specialisations', ar: 'تخصصات تطوير الواجهات الخلفية على Coursera' },
      kind: 'course',
      url: 'https://www.coursera.org/',
      skillKeys: ['programming-fundamentals', 'backend-language', 'sql-basics'],
    },
    {
      key: 'udemy',
      title: { en: 'Udemy courses (Laravel, Python, Node.js)', ar: 'دورات Udemy (Laravel وPython وNode.js)' },
      kind: 'course',
      url: 'https://www.udemy.com/',
      skillKeys: ['backend-language', 'first-api'],
    },
    {
      key: 'edx',
      title: { en: 'edX courses', ar: 'دورات edX' },
      kind: 'course',
      url: 'https://www.edx.org/',
      skillKeys: ['programming-fundamentals', 'http-basics'],
    },
    {
      key: 'pluralsight',
      title: { en: 'Pluralsight courses', ar: 'دورات Pluralsight' },
      kind: 'course',
      url: 'https://www.pluralsight.com/',
      skillKeys: ['backend-language', 'docker', 'ci-cd'],
    },
    // Practice
    {
      key: 'leetcode',
      title: { en: 'LeetCode', ar: 'منصة LeetCode للتدريب على البرمجة' },
      kind: 'practice',
      url: 'https://leetcode.com/',
      skillKeys: ['programming-fundamentals'],
    },
    {
      key: 'hackerrank',
      title: { en: 'HackerRank', ar: 'منصة HackerRank للتدريب على البرمجة' },
      kind: 'practice',
      url: 'https://www.hackerrank.com/',
      skillKeys: ['programming-fundamentals', 'sql-basics'],
    },
    // Books
    {
      key: 'designing-data-intensive-applications',
      title: {
        en: 'Designing Data-Intensive Applications (Martin Kleppmann)',
        ar: 'كتاب Designing Data-Intensive Applications لمارتن كليبمان',
      },
      kind: 'book',
      url: 'https://dataintensive.net/',
      skillKeys: ['databases-advanced', 'message-queues', 'system-design', 'scaling'],
    },
    {
      key: 'clean-code',
      title: { en: 'Clean Code (Robert C. Martin)', ar: 'كتاب Clean Code لروبرت سي. مارتن' },
      kind: 'book',
      url: 'https://www.informit.com/store/clean-code-a-handbook-of-agile-software-craftsmanship-9780132350884',
      skillKeys: ['architecture'],
    },
    // Certifications
    {
      key: 'aws-certified-developer',
      title: { en: 'AWS Certified Developer – Associate', ar: 'شهادة AWS Certified Developer – Associate' },
      kind: 'certification',
      url: 'https://aws.amazon.com/certification/certified-developer-associate/',
      skillKeys: ['cloud-deploy'],
    },
    {
      key: 'azure-developer-associate',
      title: {
        en: 'Microsoft Certified: Azure Developer Associate',
        ar: 'شهادة Microsoft Certified: Azure Developer Associate',
      },
      kind: 'certification',
      url: 'https://learn.microsoft.com/en-us/credentials/certifications/azure-developer/',
      skillKeys: ['cloud-deploy'],
    },
    {
      key: 'oracle-sql-certification',
      title: {
        en: 'Oracle Database SQL Certified Associate (1Z0-071)',
        ar: 'شهادة Oracle Database SQL Certified Associate (1Z0-071)',
      },
      kind: 'certification',
      url: 'https://education.oracle.com/oracle-database-sql/pexam_1Z0-071',
      skillKeys: ['sql-basics', 'databases-advanced'],
    },
    // Community and freelancing
    {
      key: 'cairo-alexandria-meetups',
      title: { en: 'Cairo and Alexandria tech meetups', ar: 'لقاءات المطوّرين التقنية في القاهرة والإسكندرية' },
      kind: 'community',
      url: 'https://www.meetup.com/',
      skillKeys: [],
    },
    {
      key: 'upwork',
      title: { en: 'Upwork (freelancing)', ar: 'Upwork (العمل الحر)' },
      kind: 'community',
      url: 'https://www.upwork.com/',
      skillKeys: [],
    },
    {
      key: 'fiverr',
      title: { en: 'Fiverr (freelancing)', ar: 'Fiverr (العمل الحر)' },
      kind: 'community',
      url: 'https://www.fiverr.com/',
      skillKeys: [],
    },
  ],
  languages: [
    { key: 'java', name: 'Java', frameworks: ['Spring Boot'] },
    { key: 'python', name: 'Python', frameworks: ['Django', 'Flask'] },
    { key: 'php', name: 'PHP', frameworks: ['Laravel'] },
    { key: 'javascript-typescript', name: 'JavaScript / TypeScript (Node.js)', frameworks: ['Express', 'Fastify'] },
    { key: 'go', name: 'Go', frameworks: [] },
    { key: 'ruby', name: 'Ruby', frameworks: ['Ruby on Rails'] },
  ],
};

/** The 26 built-in skill keys, in roadmap order. */
export const BUILTIN_SKILL_KEYS: readonly string[] = BUILTIN_ROADMAP.skills.map((skill) => skill.key);

const skillsByKey = new Map<string, BuiltinSkill>(BUILTIN_ROADMAP.skills.map((skill) => [skill.key, skill]));

/** The built-in skill with this key, or undefined. */
export function builtinSkillByKey(key: string): BuiltinSkill | undefined {
  return skillsByKey.get(key);
}
