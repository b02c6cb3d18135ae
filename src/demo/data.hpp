#pragma once

#include <array>
#include <string_view>

// The fixed texts of the demo university: faculties, departments, programmes, disciplines and
// the names people are built from. Only data; demo.cpp turns it into records.
namespace oqu::demo::data {

/// A name in Kazakh, Russian and English.
struct Text {
    std::string_view kk;
    std::string_view ru;
    std::string_view en;
};

/// A faculty with its departments.
struct FacultyData {
    std::string_view code;
    Text names;
    std::array<std::string_view, 3> department_codes;
    std::array<Text, 3> department_names;
    std::array<int, 3> teachers;  ///< Teachers per department.
};

inline constexpr std::array<FacultyData, 3> kFaculties{{
    {"LAW",
     {"Құқық және халықаралық қатынастар факультеті", "Факультет права и международных отношений",
      "Faculty of Law and International Relations"},
     {"LAW-CIV", "LAW-CRIM", "LAW-IR"},
     {{{"Азаматтық құқық кафедрасы", "Кафедра гражданского права", "Department of Civil Law"},
       {"Қылмыстық құқық кафедрасы", "Кафедра уголовного права", "Department of Criminal Law"},
       {"Халықаралық қатынастар кафедрасы", "Кафедра международных отношений",
        "Department of International Relations"}}},
     {5, 5, 4}},
    {"IT",
     {"Ақпараттық технологиялар факультеті", "Факультет информационных технологий",
      "Faculty of Information Technology"},
     {"IT-IS", "IT-CS", "IT-SEC"},
     {{{"Ақпараттық жүйелер кафедрасы", "Кафедра информационных систем", "Department of Information Systems"},
       {"Компьютерлік ғылымдар кафедрасы", "Кафедра компьютерных наук", "Department of Computer Science"},
       {"Ақпараттық қауіпсіздік кафедрасы", "Кафедра информационной безопасности",
        "Department of Information Security"}}},
     {5, 5, 4}},
    {"PED",
     {"Педагогика және гуманитарлық ғылымдар факультеті", "Факультет педагогики и гуманитарных наук",
      "Faculty of Pedagogy and Humanities"},
     {"PED-PP", "PED-MATH", "PED-PHIL"},
     {{{"Педагогика және психология кафедрасы", "Кафедра педагогики и психологии",
        "Department of Pedagogy and Psychology"},
       {"Математика және оны оқыту әдістемесі кафедрасы", "Кафедра математики и методики её преподавания",
        "Department of Mathematics and Teaching Methods"},
       {"Филология кафедрасы", "Кафедра филологии", "Department of Philology"}}},
     {4, 4, 4}},
}};

/// An educational programme.
struct ProgrammeData {
    std::string_view code;
    Text names;
    std::string_view level;  ///< "bachelor", "master".
    int credits;
    std::string_view direction;  ///< Group of the classifier.
    int faculty;                 ///< Index into kFaculties.
    int department;              ///< Index into its department_codes.
    std::string_view languages;  ///< "kk;ru".
    std::string_view group_prefix;
    int groups_per_year;  ///< Groups per admission year.
    bool online;          ///< Some students study online (never for a pedagogical programme).
};

/// A document of the online student's contract (R-O7), in the three languages.
struct ContractText {
    std::string_view kind;  ///< online::DocumentKindName.
    std::string_view kk, ru, en;
};

inline constexpr std::array<ContractText, 3> kContract{{
    {"technical_requirements",
     "Онлайн оқу үшін: кемінде 2 Мбит/с интернет, веб-камерасы мен микрофоны бар компьютер немесе "
     "ноутбук, Chromium, Firefox немесе Safari браузерінің соңғы нұсқасы. Қорытынды аттестаттау "
     "прокторингпен өтеді: бөлмеде бөгде адам болмауы және камера жұмыс істеуі керек.",
     "Для онлайн-обучения нужны: интернет не медленнее 2 Мбит/с, компьютер или ноутбук с веб-камерой "
     "и микрофоном, актуальная версия браузера Chromium, Firefox или Safari. Итоговая аттестация "
     "проходит с прокторингом: в комнате не должно быть посторонних, камера должна работать.",
     "Online study needs an internet connection of at least 2 Mbit/s, a computer or laptop with a "
     "webcam and a microphone, and a current Chromium, Firefox or Safari. Final attestation is "
     "proctored: nobody else may be in the room and the camera must be on."},
    {"personal_data",
     "Мен университетке оқу процесін ұйымдастыру үшін дербес деректерімді (аты-жөні, ЖСН, байланыс "
     "деректері, оқу нәтижелері, прокторинг кезіндегі бейне және дыбыс жазбалары) Қазақстан "
     "Республикасының «Дербес деректер және оларды қорғау туралы» Заңына сәйкес жинауға және өңдеуге "
     "келісім беремін. Келісімді кез келген уақытта кері қайтарып алуға болады.",
     "Я даю университету согласие на сбор и обработку моих персональных данных (ФИО, ИИН, "
     "контактные данные, результаты обучения, видео- и аудиозаписи прокторинга) для организации "
     "учебного процесса в соответствии с Законом Республики Казахстан «О персональных данных и их "
     "защите». Согласие можно отозвать в любое время.",
     "I consent to the university collecting and processing my personal data (name, IIN, contact "
     "details, study results, proctoring video and audio) to organise my studies, under the Law of "
     "the Republic of Kazakhstan on personal data and their protection. I may withdraw this consent "
     "at any time."},
    {"user_agreement",
     "Порталды пайдаланушы тіркелгісін басқа адамға бермейді, оқу материалдарын университеттің "
     "рұқсатынсыз таратпайды, академиялық адалдық ережелерін сақтайды.",
     "Пользователь портала не передаёт свою учётную запись другим лицам, не распространяет учебные "
     "материалы без разрешения университета и соблюдает правила академической честности.",
     "The portal's user does not share the account with anyone, does not distribute course "
     "materials without the university's permission, and keeps the rules of academic integrity."},
}};

/// The direction (International relations) whose online form the demo's quality officer marks
/// "not allowed" after its online students were admitted: the R-O2 violation of the demo.
inline constexpr std::string_view kCorrectedDirection = "B140";

inline constexpr std::array<ProgrammeData, 11> kProgrammes{{
    {"6B04201",
     {"Құқықтану", "Юриспруденция", "Jurisprudence"},
     "bachelor",
     240,
     "B049",
     0,
     0,
     "kk;ru",
     "ЮР",
     2,
     false},
    {"6B04202",
     {"Халықаралық құқық", "Международное право", "International Law"},
     "bachelor",
     240,
     "B049",
     0,
     1,
     "kk;ru",
     "МП",
     1,
     false},
    {"6B03101",
     {"Халықаралық қатынастар", "Международные отношения", "International Relations"},
     "bachelor",
     240,
     "B140",
     0,
     2,
     "kk;ru;en",
     "МО",
     1,
     true},
    {"6B06101",
     {"Ақпараттық жүйелер", "Информационные системы", "Information Systems"},
     "bachelor",
     240,
     "B057",
     1,
     0,
     "kk;ru;en",
     "ИС",
     2,
     true},
    {"6B06102",
     {"Бағдарламалық инженерия", "Программная инженерия", "Software Engineering"},
     "bachelor",
     240,
     "B057",
     1,
     1,
     "kk;ru;en",
     "ПИ",
     1,
     true},
    {"6B06301",
     {"Киберқауіпсіздік", "Кибербезопасность", "Cybersecurity"},
     "bachelor",
     240,
     "B058",
     1,
     2,
     "kk;ru",
     "КБ",
     1,
     true},
    {"6B01501",
     {"Математика мұғалімі", "Учитель математики", "Mathematics Teacher"},
     "bachelor",
     240,
     "B009",
     2,
     1,
     "kk;ru",
     "ММ",
     1,
     false},
    {"6B01101",
     {"Педагогика және психология", "Педагогика и психология", "Pedagogy and Psychology"},
     "bachelor",
     240,
     "B001",
     2,
     0,
     "kk;ru",
     "ПП",
     1,
     false},
    {"6B01701",
     {"Қазақ тілі мен әдебиеті мұғалімі", "Учитель казахского языка и литературы",
      "Kazakh Language and Literature Teacher"},
     "bachelor",
     240,
     "B016",
     2,
     2,
     "kk",
     "ҚТ",
     1,
     false},
    {"7M04201",
     {"Құқықтану", "Юриспруденция", "Jurisprudence"},
     "master",
     120,
     "M078",
     0,
     0,
     "kk;ru",
     "МЮР",
     1,
     false},
    {"7M06101",
     {"Ақпараттық жүйелер", "Информационные системы", "Information Systems"},
     "master",
     120,
     "M094",
     1,
     0,
     "ru;en",
     "МИС",
     1,
     true},
}};

/// What kind of discipline a curriculum entry is: decides its component, control and hours.
enum class Kind { kRequired, kUniversity, kElective, kLab, kPractice, kFinal, kSport };

/// A discipline of a curriculum.
struct DisciplineData {
    Text names;
    Kind kind;
};

/// The general-education disciplines (ООД) of every bachelor curriculum, with their semester
/// and credits: 56 credits over semesters 1–4.
struct GeneralData {
    DisciplineData discipline;
    int semester;
    int credits;
};

inline constexpr std::array<GeneralData, 14> kGeneral{{
    {{{"Қазақстанның қазіргі заманғы тарихы", "Современная история Казахстана",
       "Modern History of Kazakhstan"},
      Kind::kRequired},
     1,
     5},
    {{{"Шетел тілі 1", "Иностранный язык 1", "Foreign Language 1"}, Kind::kRequired}, 1, 5},
    {{{"Қазақ (орыс) тілі 1", "Казахский (русский) язык 1", "Kazakh (Russian) Language 1"}, Kind::kRequired},
     1,
     5},
    {{{"Дене шынықтыру 1", "Физическая культура 1", "Physical Education 1"}, Kind::kSport}, 1, 2},
    {{{"Шетел тілі 2", "Иностранный язык 2", "Foreign Language 2"}, Kind::kRequired}, 2, 5},
    {{{"Қазақ (орыс) тілі 2", "Казахский (русский) язык 2", "Kazakh (Russian) Language 2"}, Kind::kRequired},
     2,
     5},
    {{{"Ақпараттық-коммуникациялық технологиялар", "Информационно-коммуникационные технологии",
       "Information and Communication Technologies"},
      Kind::kRequired},
     2,
     5},
    {{{"Дене шынықтыру 2", "Физическая культура 2", "Physical Education 2"}, Kind::kSport}, 2, 2},
    {{{"Философия", "Философия", "Philosophy"}, Kind::kRequired}, 3, 5},
    {{{"Әлеуметтік-саяси білім модулі (әлеуметтану, саясаттану)",
       "Модуль социально-политических знаний (социология, политология)",
       "Socio-political Knowledge (Sociology, Political Science)"},
      Kind::kRequired},
     3,
     4},
    {{{"Экология және тіршілік қауіпсіздігі негіздері", "Основы экологии и безопасности жизнедеятельности",
       "Ecology and Life Safety"},
      Kind::kUniversity},
     3,
     5},
    {{{"Дене шынықтыру 3", "Физическая культура 3", "Physical Education 3"}, Kind::kSport}, 3, 2},
    {{{"Әлеуметтік-саяси білім модулі (мәдениеттану, психология)",
       "Модуль социально-политических знаний (культурология, психология)",
       "Socio-political Knowledge (Cultural Studies, Psychology)"},
      Kind::kRequired},
     4,
     4},
    {{{"Дене шынықтыру 4", "Физическая культура 4", "Physical Education 4"}, Kind::kSport}, 4, 2},
}};

/// Disciplines per semester of a programme's own part and their credits: with kGeneral every
/// semester has 30 credits, 240 in all.
inline constexpr std::array<int, 8> kPerSemester{2, 2, 3, 4, 5, 5, 5, 4};
inline constexpr std::array<int, 30> kCredits{5, 8, 5, 8, 5, 4, 5, 6, 6, 6, 6,  6, 6, 6, 6,
                                              6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 10, 5, 5, 8, 12};

inline constexpr DisciplineData kStudyPractice{{"Оқу практикасы", "Учебная практика", "Study Internship"},
                                               Kind::kPractice};
inline constexpr DisciplineData kWorkPractice{
    {"Өндірістік практика", "Производственная практика", "Professional Internship"}, Kind::kPractice};
inline constexpr DisciplineData kPreDiploma{
    {"Диплом алды практикасы", "Преддипломная практика", "Pre-graduation Internship"}, Kind::kPractice};
inline constexpr DisciplineData kFinal{{"Қорытынды аттестаттау", "Итоговая аттестация", "Final Attestation"},
                                       Kind::kFinal};

/// A programme's own disciplines in kCredits order.
struct CurriculumData {
    std::string_view programme;    ///< Programme code.
    std::string_view code_prefix;  ///< "LAW": discipline codes "LAW 1101".
    std::array<DisciplineData, 30> disciplines;
};

inline constexpr std::array<CurriculumData, 3> kCurricula{{
    {"6B04201",
     "LAW",
     {{
         {{"Мемлекет және құқық теориясы", "Теория государства и права", "Theory of State and Law"},
          Kind::kRequired},
         {{"Қазақстан Республикасының конституциялық құқығы", "Конституционное право Республики Казахстан",
           "Constitutional Law of Kazakhstan"},
          Kind::kRequired},
         {{"Құқық қорғау органдары", "Правоохранительные органы", "Law Enforcement Agencies"},
          Kind::kUniversity},
         {{"Рим құқығы", "Римское право", "Roman Law"}, Kind::kRequired},
         {{"Әкімшілік құқық", "Административное право", "Administrative Law"}, Kind::kRequired},
         {{"Қазақстанның мемлекет және құқық тарихы", "История государства и права Казахстана",
           "History of State and Law of Kazakhstan"},
          Kind::kUniversity},
         {{"Азаматтық құқық (жалпы бөлім)", "Гражданское право (общая часть)", "Civil Law (General Part)"},
          Kind::kRequired},
         {{"Қылмыстық құқық (жалпы бөлім)", "Уголовное право (общая часть)", "Criminal Law (General Part)"},
          Kind::kRequired},
         {{"Азаматтық құқық (ерекше бөлім)", "Гражданское право (особенная часть)",
           "Civil Law (Special Part)"},
          Kind::kRequired},
         {{"Еңбек құқығы", "Трудовое право", "Labour Law"}, Kind::kElective},
         kStudyPractice,
         {{"Қылмыстық құқық (ерекше бөлім)", "Уголовное право (особенная часть)",
           "Criminal Law (Special Part)"},
          Kind::kRequired},
         {{"Азаматтық іс жүргізу құқығы", "Гражданское процессуальное право", "Civil Procedure Law"},
          Kind::kRequired},
         {{"Қаржы құқығы", "Финансовое право", "Financial Law"}, Kind::kUniversity},
         {{"Отбасы құқығы", "Семейное право", "Family Law"}, Kind::kElective},
         {{"Экологиялық құқық", "Экологическое право", "Environmental Law"}, Kind::kElective},
         {{"Қылмыстық іс жүргізу құқығы", "Уголовно-процессуальное право", "Criminal Procedure Law"},
          Kind::kRequired},
         {{"Халықаралық жария құқық", "Международное публичное право", "Public International Law"},
          Kind::kRequired},
         {{"Салық құқығы", "Налоговое право", "Tax Law"}, Kind::kUniversity},
         {{"Криминалистика", "Криминалистика", "Criminalistics"}, Kind::kRequired},
         {{"Кәсіпкерлік құқық", "Предпринимательское право", "Business Law"}, Kind::kElective},
         {{"Халықаралық жеке құқық", "Международное частное право", "Private International Law"},
          Kind::kRequired},
         {{"Криминология", "Криминология", "Criminology"}, Kind::kUniversity},
         {{"Жер құқығы", "Земельное право", "Land Law"}, Kind::kElective},
         {{"Сыбайлас жемқорлыққа қарсы мәдениет", "Антикоррупционная культура", "Anti-corruption Culture"},
          Kind::kUniversity},
         kWorkPractice,
         {{"Құқықтық мемлекеттің өзекті мәселелері", "Актуальные проблемы правового государства",
           "Topical Problems of the Rule of Law"},
          Kind::kElective},
         {{"Заң техникасы", "Юридическая техника", "Legal Drafting"}, Kind::kRequired},
         kPreDiploma,
         kFinal,
     }}},
    {"6B06101",
     "IS",
     {{
         {{"Бағдарламалау негіздері", "Основы программирования", "Programming Fundamentals"}, Kind::kLab},
         {{"Алгоритмдер және деректер құрылымдары", "Алгоритмы и структуры данных",
           "Algorithms and Data Structures"},
          Kind::kLab},
         {{"Дискретті математика", "Дискретная математика", "Discrete Mathematics"}, Kind::kRequired},
         {{"Объектіге бағытталған бағдарламалау", "Объектно-ориентированное программирование",
           "Object-oriented Programming"},
          Kind::kLab},
         {{"Сызықтық алгебра және математикалық анализ", "Линейная алгебра и математический анализ",
           "Linear Algebra and Calculus"},
          Kind::kRequired},
         {{"Компьютер архитектурасы", "Архитектура компьютера", "Computer Architecture"}, Kind::kUniversity},
         {{"Деректер қоры", "Базы данных", "Databases"}, Kind::kLab},
         {{"Операциялық жүйелер", "Операционные системы", "Operating Systems"}, Kind::kLab},
         {{"Компьютерлік желілер", "Компьютерные сети", "Computer Networks"}, Kind::kLab},
         {{"Веб-технологиялар", "Веб-технологии", "Web Technologies"}, Kind::kElective},
         kStudyPractice,
         {{"Ықтималдықтар теориясы және статистика", "Теория вероятностей и статистика",
           "Probability and Statistics"},
          Kind::kRequired},
         {{"Бағдарламалық жасақтама инженериясы", "Инженерия программного обеспечения",
           "Software Engineering"},
          Kind::kLab},
         {{"Ақпараттық жүйелерді жобалау", "Проектирование информационных систем",
           "Information Systems Design"},
          Kind::kLab},
         {{"Мобильді қосымшаларды әзірлеу", "Разработка мобильных приложений",
           "Mobile Application Development"},
          Kind::kElective},
         {{"Python тілінде бағдарламалау", "Программирование на Python", "Programming in Python"},
          Kind::kElective},
         {{"Ақпараттық қауіпсіздік негіздері", "Основы информационной безопасности",
           "Information Security Fundamentals"},
          Kind::kRequired},
         {{"Бұлтты есептеулер", "Облачные вычисления", "Cloud Computing"}, Kind::kLab},
         {{"Машиналық оқыту", "Машинное обучение", "Machine Learning"}, Kind::kLab},
         {{"Деректерді талдау", "Анализ данных", "Data Analysis"}, Kind::kElective},
         {{"IT-жобаларды басқару", "Управление IT-проектами", "IT Project Management"}, Kind::kUniversity},
         {{"Таратылған жүйелер", "Распределённые системы", "Distributed Systems"}, Kind::kLab},
         {{"DevOps және үздіксіз жеткізу", "DevOps и непрерывная поставка", "DevOps and Continuous Delivery"},
          Kind::kElective},
         {{"Адам мен компьютердің өзара әрекеттесуі", "Человеко-компьютерное взаимодействие",
           "Human-Computer Interaction"},
          Kind::kRequired},
         {{"IT саласындағы кәсіпкерлік", "Предпринимательство в сфере IT", "Entrepreneurship in IT"},
          Kind::kUniversity},
         kWorkPractice,
         {{"Жасанды интеллект", "Искусственный интеллект", "Artificial Intelligence"}, Kind::kLab},
         {{"Бағдарламалық жасақтаманы тестілеу", "Тестирование программного обеспечения", "Software Testing"},
          Kind::kElective},
         kPreDiploma,
         kFinal,
     }}},
    {"6B01501",
     "MTH",
     {{
         {{"Математикалық анализ 1", "Математический анализ 1", "Calculus 1"}, Kind::kRequired},
         {{"Педагогикаға кіріспе", "Введение в педагогику", "Introduction to Pedagogy"}, Kind::kRequired},
         {{"Математикалық анализ 2", "Математический анализ 2", "Calculus 2"}, Kind::kRequired},
         {{"Алгебра және сандар теориясы", "Алгебра и теория чисел", "Algebra and Number Theory"},
          Kind::kRequired},
         {{"Аналитикалық геометрия", "Аналитическая геометрия", "Analytic Geometry"}, Kind::kRequired},
         {{"Жас ерекшелік физиологиясы", "Возрастная физиология", "Developmental Physiology"},
          Kind::kUniversity},
         {{"Педагогикалық психология", "Педагогическая психология", "Educational Psychology"},
          Kind::kRequired},
         {{"Элементар математика", "Элементарная математика", "Elementary Mathematics"}, Kind::kRequired},
         {{"Дифференциалдық теңдеулер", "Дифференциальные уравнения", "Differential Equations"},
          Kind::kRequired},
         {{"Инклюзивті білім беру", "Инклюзивное образование", "Inclusive Education"}, Kind::kUniversity},
         kStudyPractice,
         {{"Математиканы оқыту әдістемесі", "Методика преподавания математики",
           "Methods of Teaching Mathematics"},
          Kind::kRequired},
         {{"Ықтималдықтар теориясы", "Теория вероятностей", "Probability Theory"}, Kind::kRequired},
         {{"Геометрия негіздері", "Основания геометрии", "Foundations of Geometry"}, Kind::kRequired},
         {{"Тәрбие жұмысының теориясы мен әдістемесі", "Теория и методика воспитательной работы",
           "Theory and Methods of Upbringing"},
          Kind::kUniversity},
         {{"Математикалық логика", "Математическая логика", "Mathematical Logic"}, Kind::kElective},
         {{"Сандық әдістер", "Численные методы", "Numerical Methods"}, Kind::kRequired},
         {{"Мектеп математикасының есептерін шығару", "Решение задач школьной математики",
           "Problem Solving in School Mathematics"},
          Kind::kRequired},
         {{"Білім берудегі цифрлық технологиялар", "Цифровые технологии в образовании",
           "Digital Technologies in Education"},
          Kind::kUniversity},
         {{"Педагогикалық практика", "Педагогическая практика", "Teaching Practice"}, Kind::kPractice},
         {{"Олимпиадалық математика", "Олимпиадная математика", "Olympiad Mathematics"}, Kind::kElective},
         {{"Критериалды бағалау", "Критериальное оценивание", "Criteria-based Assessment"}, Kind::kRequired},
         {{"Математика тарихы", "История математики", "History of Mathematics"}, Kind::kElective},
         {{"Функционалдық анализ элементтері", "Элементы функционального анализа",
           "Elements of Functional Analysis"},
          Kind::kRequired},
         {{"Педагогикалық зерттеу әдістері", "Методы педагогических исследований",
           "Educational Research Methods"},
          Kind::kUniversity},
         kWorkPractice,
         {{"Мектептегі STEM-білім беру", "STEM-образование в школе", "STEM Education at School"},
          Kind::kElective},
         {{"Бейіндік мектептегі математика", "Математика в профильной школе",
           "Mathematics in Specialised Schools"},
          Kind::kRequired},
         kPreDiploma,
         kFinal,
     }}},
}};

// --- Names ---------------------------------------------------------------------------------

inline constexpr std::array<std::string_view, 24> kMaleNames{
    "Нұрсұлтан", "Ерасыл", "Әлихан", "Данияр", "Арман",  "Ерлан",  "Мирас",    "Айбек",
    "Диас",      "Санжар", "Ернұр",  "Алмас",  "Бекжан", "Ақжол",  "Темірлан", "Нұрболат",
    "Жандос",    "Асқар",  "Дәурен", "Ілияс",  "Абылай", "Әділет", "Бауыржан", "Тимур"};
inline constexpr std::array<std::string_view, 24> kFemaleNames{
    "Әлия",   "Аружан",  "Айгерім", "Дана",    "Жансая", "Томирис", "Мадина", "Ақбота",
    "Балнұр", "Гүлназ",  "Динара",  "Назерке", "Сабина", "Айым",    "Інкәр",  "Аяулым",
    "Камила", "Меруерт", "Жұлдыз",  "Әйгерім", "Анель",  "Ботагөз", "Сымбат", "Толғанай"};
/// Fathers' names: the patronymic adds -ұлы / -қызы, and many surnames add -ов / -ова.
inline constexpr std::array<std::string_view, 28> kFatherNames{
    "Нұрлан", "Серік",  "Ерлан",   "Асқар", "Бақыт",  "Жұмабек", "Сейіт",  "Омар",  "Құрман",   "Әлімжан",
    "Ахмет",  "Тұрсын", "Қайрат",  "Ермек", "Болат",  "Дәулет",  "Сапар",  "Мұқан", "Жақсылық", "Исабек",
    "Байжан", "Тоқтар", "Әубәкір", "Оспан", "Сұлтан", "Кенже",   "Мақсат", "Бекзат"};
/// Kazakh surnames that do not follow the -ов pattern (male, female).
inline constexpr std::array<std::array<std::string_view, 2>, 8> kOtherSurnames{
    {{"Сәтбаев", "Сәтбаева"},
     {"Әбішев", "Әбішева"},
     {"Төлегенов", "Төлегенова"},
     {"Жанғалиев", "Жанғалиева"},
     {"Кемелбаев", "Кемелбаева"},
     {"Есенберлин", "Есенберлина"},
     {"Мұратбеков", "Мұратбекова"},
     {"Байтұрсынов", "Байтұрсынова"}}};

inline constexpr std::array<std::string_view, 8> kRussianMale{"Алексей", "Дмитрий", "Иван",  "Сергей",
                                                              "Андрей",  "Максим",  "Артём", "Никита"};
inline constexpr std::array<std::string_view, 8> kRussianFemale{"Анна",  "Екатерина", "Ольга", "Мария",
                                                                "Елена", "Дарья",     "Софья", "Полина"};
inline constexpr std::array<std::array<std::string_view, 2>, 8> kRussianSurnames{{{"Иванов", "Иванова"},
                                                                                  {"Петров", "Петрова"},
                                                                                  {"Смирнов", "Смирнова"},
                                                                                  {"Кузнецов", "Кузнецова"},
                                                                                  {"Попов", "Попова"},
                                                                                  {"Соколов", "Соколова"},
                                                                                  {"Волков", "Волкова"},
                                                                                  {"Морозов", "Морозова"}}};
inline constexpr std::array<std::array<std::string_view, 2>, 6> kRussianPatronymics{
    {{"Сергеевич", "Сергеевна"},
     {"Александрович", "Александровна"},
     {"Викторович", "Викторовна"},
     {"Николаевич", "Николаевна"},
     {"Владимирович", "Владимировна"},
     {"Олегович", "Олеговна"}}};

}  // namespace oqu::demo::data
